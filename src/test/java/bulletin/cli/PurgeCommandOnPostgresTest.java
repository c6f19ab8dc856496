package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PurgeCommandTest}'s specifications, on PostgreSQL. */
class PurgeCommandOnPostgresTest extends PurgeCommandTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "purge");
    }

    @Test
    void runsOnPostgresql(@Autowired DataSource dataSource) throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
