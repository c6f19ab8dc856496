package bulletin.cli;

import bulletin.support.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/** {@link CrashRestartIT}'s kills — during staging, before an answer, before a commit — on PostgreSQL. */
class CrashRestartOnPostgresIT extends CrashRestartIT {

    private final String database = PostgresServer.get().createDatabase("crash");

    @Override
    List<String> databaseArguments() {
        return List.of("--spring.datasource.url=" + database, "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + PostgresServer.PASSWORD);
    }

    @Override
    Connection database() throws Exception {
        return DriverManager.getConnection(database, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
