package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ValidateAndSuppressCommandTest}'s specifications, on PostgreSQL. */
class ValidateAndSuppressCommandOnPostgresTest extends ValidateAndSuppressCommandTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "validateandsuppresscommand");
    }

    @org.junit.jupiter.api.Test
    void runsOnPostgresql(@org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource)
            throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
