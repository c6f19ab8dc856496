package bulletin.run;

import bulletin.database.DatabaseUrls;
import bulletin.home.Workspace;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * One lock per run (campaign and period), held by the process that sends it, so that a run is
 * never sent by two processes at once; the lock ends with its holder, however it ends — even by
 * SIGKILL — so a run the database still marks as running is told apart from one whose process
 * died: the first is refused, the second recovered and resumed. On one host the lock is the
 * operating system's (a file under {@code data/locks/}); on PostgreSQL, which several hosts may
 * share, it is the database's (an advisory lock held by the sender's session).
 */
@Component
public class RunLocks {

    /** A held lock; closing it lets the run go. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Where the locks are kept. */
    interface Keeper {
        Held acquire(String campaign, String period);

        Optional<String> runningBy(String campaign, String period);
    }

    private final Keeper keeper;

    RunLocks(Workspace workspace, DataSource dataSource, DataSourceProperties database) {
        this.keeper = DatabaseUrls.isPostgresql(database.determineUrl())
                ? new DatabaseRunLocks(dataSource) : new FileRunLocks(workspace);
    }

    /**
     * Takes the run's lock for this process.
     *
     * @throws RunInProgressException when another process (or another thread of this one) holds it
     */
    public Held acquire(String campaign, String period) {
        return keeper.acquire(campaign, period);
    }

    /** Who sends the run right now ("host h, pid 123 since …"), or empty when no process does. */
    public Optional<String> runningBy(String campaign, String period) {
        return keeper.runningBy(campaign, period);
    }
}
