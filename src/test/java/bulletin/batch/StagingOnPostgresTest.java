package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link StagingTest}'s specifications, on PostgreSQL. */
class StagingOnPostgresTest extends StagingTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "staging");
    }

    @org.junit.jupiter.api.Test
    void runsOnPostgresql(@org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource)
            throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
