package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import bulletin.support.TestHome;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pointing spring.datasource.url at PostgreSQL is all it takes: Flyway makes the same schema
 * (Spring Batch's PostgreSQL script, then Bulletin's migrations), and no loopback helper starts.
 */
@SpringBootTest
class PostgresSchemaOnPostgresTest {

    static final TestHome home = TestHome.create("pg-schema");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "schema");
        home.register(registry);
        registry.add("bulletin.database.shared", () -> "true"); // as an operator leaves it: ignored for PostgreSQL
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameSchemaIsMadeOnPostgresqlAndNoHelperStarts() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")
                .query(Integer.class).single()).isEqualTo(16);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'bulletin_recipient'"
                + " AND column_name IN ('message_no', 'address_key', 'fields')").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('batch_job_instance',"
                + " 'bulletin_feedback_message', 'bulletin_suppression', 'bulletin_unsubscribe_confirmation',"
                + " 'bulletin_campaign_problem')").query(Long.class).single()).isEqualTo(5);
        assertThat(Files.exists(home.path("data/db"))).as("no HSQLDB files, no helper").isFalse();
    }
}
