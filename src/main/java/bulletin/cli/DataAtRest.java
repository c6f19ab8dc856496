package bulletin.cli;

import bulletin.database.DatabaseUrls;
import bulletin.files.OwnerOnly;
import bulletin.home.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * After each command, every folder Bulletin writes to under its home — the database, the outbox,
 * the reports, the logs, one-off jobs, run locks — is made its owner's only: what libraries wrote
 * with the umask's modes (the in-process database, the log file) is tightened too.
 */
@Component
class DataAtRest {

    private final List<Path> folders = new ArrayList<>();

    DataAtRest(Workspace workspace, DataSourceProperties dataSource, Environment environment) {
        folders.add(workspace.outbox());
        folders.add(workspace.reports());
        folders.add(workspace.oneOffJobs());
        folders.add(workspace.resolve("data/locks"));
        String logs = environment.getProperty("bulletin.log-dir");
        if (logs != null) {
            folders.add(workspace.resolve(logs));
        }
        DatabaseUrls.hsqldbFile(dataSource.determineUrl()).ifPresent(file -> folders.add(file.getParent()));
    }

    void tighten() {
        folders.forEach(OwnerOnly::tighten);
    }
}
