package bulletin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.TestHome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What makes the ledger's writes cheap on the embedded HSQLDB (hsqldb/V21): a row cache that holds
 * a 100,000-recipient run, and no index of a foreign key beside the ledger's key and state index;
 * and a short log, so that a restart after a kill replays little (hsqldb/V24).
 * The test home's URL names neither setting: the migration alone gives them.
 */
@SpringBootTest
class HsqldbLedgerSettingsTest {

    static final TestHome home = TestHome.create("hsqldb-settings");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDatabaseKeepsARunInItsCacheAndIndexesTheLedgerOnlyByKeyAndState() {
        assertThat(property("hsqldb.cache_rows")).isEqualTo("150000");
        assertThat(property("hsqldb.cache_size")).isEqualTo("32768");
        assertThat(property("hsqldb.log_size")).as("a short log: a restart after a kill replays little (V24)").isEqualTo("3");
        assertThat(jdbc.queryForList("SELECT DISTINCT INDEX_NAME FROM INFORMATION_SCHEMA.SYSTEM_INDEXINFO"
                + " WHERE TABLE_NAME = 'BULLETIN_RECIPIENT'", String.class))
                .hasSize(2).contains("BULLETIN_RECIPIENT_STATE");
    }

    private String property(String name) {
        return jdbc.queryForObject("SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES WHERE PROPERTY_NAME = ?",
                String.class, name);
    }
}
