package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PreviewAndTestSendTest}'s specifications, on PostgreSQL. */
class PreviewAndTestSendOnPostgresTest extends PreviewAndTestSendTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "previewandtestsend");
    }

    @org.junit.jupiter.api.Test
    void runsOnPostgresql(@org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource)
            throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
