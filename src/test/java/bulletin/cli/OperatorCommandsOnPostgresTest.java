package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link OperatorCommandsTest}'s specifications, on PostgreSQL: there the run lock is the database's. */
class OperatorCommandsOnPostgresTest extends OperatorCommandsTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "operator");
    }

    @org.junit.jupiter.api.Test
    void runsOnPostgresql(@org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource)
            throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
