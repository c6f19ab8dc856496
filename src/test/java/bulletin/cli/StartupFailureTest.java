package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The one sentence a command prints when Bulletin could not start. */
class StartupFailureTest {

    @Test
    void aDatabaseFailureAtStartIsSaidByItsFirstLineNeverTheDetailsNamingARow() {
        // As PostgreSQL fails a migration that meets two rows with one key.
        SQLException duplicate = new SQLException("ERROR: could not create unique index \"bulletin_key\"\n"
                + "  Detail: Key (address_key)=(amelie.martin@example.org) is duplicated.");
        RuntimeException failure = new IllegalStateException("Error creating bean with name 'flyway'",
                new RuntimeException("Migration V18__address_keys_fold_case.sql failed", duplicate));

        assertThat(StartupFailure.sentence(failure, "--bulletin.locale=en"))
                .contains("ERROR: could not create unique index \"bulletin_key\"")
                .doesNotContain("amelie.martin@example.org").doesNotContain("Detail");
    }
}
