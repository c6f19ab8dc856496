package bulletin.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which words of a failure's chain are the database's own. */
class CausesTest {

    @Test
    void theDatabasesOwnErrorIsTheFirstSqlExceptionFollowedThroughItsNextExceptions() {
        // As PostgreSQL's driver fails a batch: the entry named with its values, the server's error next.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 499 INSERT INTO bulletin_recipient"
                + " VALUES (('refused1500@amis.example')) was aborted", new int[0]);
        SQLException server = new SQLException("ERROR: no space left for row 1500\n  Where: PL/pgSQL function refuse_row()");
        batch.setNextException(server);
        RuntimeException wrapped = new IllegalStateException("Unable to process chunk",
                new RuntimeException("PreparedStatementCallback; SQL [INSERT …]", batch));

        assertThat((Throwable) Causes.database(wrapped)).isSameAs(server);
    }

    @Test
    void withoutNextExceptionsItIsTheFirstWithAMessageAndWithoutAnyNone() {
        SQLException first = new SQLException("connection exception: closed", new SQLException("deeper"));
        assertThat((Throwable) Causes.database(new IllegalStateException("wrapper", first))).isSameAs(first);
        assertThat((Throwable) Causes.database(new IllegalStateException("wrapper", new SQLException((String) null, first))))
                .as("one without words is passed over").isSameAs(first);
        assertThat((Throwable) Causes.database(new IllegalStateException("no database here"))).isNull();
    }

    @Test
    void whatTheOperatorReadsOfTheDatabaseIsItsFirstLineBoundedNeverTheDetailsNamingARow() {
        SQLException duplicate = new SQLException("ERROR: could not create unique index \"bulletin_key\"\n"
                + "  Detail: Key (address_key)=(amelie.martin@example.org) is duplicated.");
        assertThat(Causes.databaseSays(new IllegalStateException("Migration V18 failed", duplicate)))
                .isEqualTo("ERROR: could not create unique index \"bulletin_key\"");
        assertThat(Causes.databaseSays(new SQLException("x".repeat(600)))).hasSize(501).endsWith("…");
        assertThat(Causes.databaseSays(new IllegalStateException("no database here"))).isNull();
    }
}
