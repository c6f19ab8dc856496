package bulletin.report;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.OnPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AttemptReportBelowTest}'s specifications, on PostgreSQL. */
class AttemptReportBelowOnPostgresTest extends AttemptReportBelowTest {

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        OnPostgres.register(registry, "attempt_report");
    }

    @Test
    void runsOnPostgresql(@Autowired DataSource dataSource) throws Exception {
        assertThat(OnPostgres.databaseProduct(dataSource)).isEqualTo("PostgreSQL");
    }
}
