package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.text.TerminalWords;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What a command prints of a failure that came from the database. */
class SaidTest {

    @Test
    void aDatabaseFailureIsSaidInTheDatabasesFirstLineNeverItsStatementsValues() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 INSERT INTO bulletin_suppression"
                + " VALUES (('someone@amis.example')) was aborted", new int[0]);
        batch.setNextException(new SQLException("ERROR: could not extend file: No space left on device\n  Detail: x"));
        RuntimeException failure = new RuntimeException("PreparedStatementCallback; SQL [INSERT …]", batch);

        assertThat(Said.failure(failure, TerminalWords.in(Locale.ROOT)))
                .isEqualTo("database error: ERROR: could not extend file: No space left on device");
        assertThat(Said.failure(failure, TerminalWords.in(Locale.FRENCH)))
                .isEqualTo("erreur de la base de données : ERROR: could not extend file: No space left on device");
        assertThat(Said.failure(new IllegalStateException("not the database's"), TerminalWords.in(Locale.ROOT)))
                .isEqualTo("not the database's");
    }
}
