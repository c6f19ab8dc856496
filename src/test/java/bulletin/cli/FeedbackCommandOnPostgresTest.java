package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link FeedbackCommandTest}'s specifications, on PostgreSQL. */
class FeedbackCommandOnPostgresTest extends FeedbackCommandTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "feedbackcommand");
    }

    @org.junit.jupiter.api.Test
    void runsOnPostgresql(@org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource)
            throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
