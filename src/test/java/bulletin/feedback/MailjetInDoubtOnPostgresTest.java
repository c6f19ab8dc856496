package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MailjetInDoubtTest}'s specifications, on PostgreSQL. */
class MailjetInDoubtOnPostgresTest extends MailjetInDoubtTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "mailjetindoubt");
    }

    @Test
    void runsOnPostgresql(@Autowired DataSource dataSource) throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
