package bulletin.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Finds or starts the shared database server as soon as the settings are known, while Spring
 * builds the rest of the context: every command opens the database when its context starts
 * (the schema's migrations), and a cold start waited for the helper's own JVM after about a second
 * of its own start-up (bench/RESULTS.md). A command that sends and finds nobody opens the files
 * itself here ({@link HostedDatabase}). The same database, settings and way in as the pool's
 * ({@link SharedServerDataSource}); what goes wrong here is left to the pool's first connection,
 * which says it as before. The connection is held until the context has started, so that the
 * helper does not count the gap as idle, then closed.
 *
 * <p><b>Threads.</b> The events come on the main thread; the server is found or started on a
 * thread of this class's own, which hands over its connection under this object's lock.
 */
public final class EarlyDatabaseStart implements ApplicationListener<SpringApplicationEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EarlyDatabaseStart.class);

    private Connection held;
    private boolean released;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationStartedEvent || event instanceof ApplicationFailedEvent) {
            release();
        }
    }

    /** After the logging system and the environment's own post-processors (the credentials file). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private void start(ConfigurableEnvironment environment) {
        Optional<SharedServerDataSource> server;
        try {
            server = SharedServerDataSource.of(environment.getProperty("spring.datasource.url"),
                    Binder.get(environment).bindOrCreate("bulletin.database", DatabaseSettings.class));
        } catch (RuntimeException e) {
            // A setting that does not bind: the context's own binding says so, in the operator's sentence.
            log.debug("The database server is not started early: its settings do not read", e);
            return;
        }
        if (server.isEmpty()) {
            return; // PostgreSQL, or the files opened in-process: nothing to start
        }
        Thread starter = new Thread(() -> {
            try {
                hold(server.get().getConnection());
            } catch (SQLException | RuntimeException e) {
                log.debug("The database server was not started early; the pool's first connection will say why", e);
            }
        }, "bulletin-database-start");
        starter.setDaemon(true); // a command that fails at once does not wait for it
        starter.start();
    }

    private synchronized void hold(Connection connection) throws SQLException {
        if (released) {
            connection.close();
        } else {
            held = connection;
        }
    }

    private synchronized void release() {
        released = true;
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                log.debug("Closing the early database connection failed", e);
            }
            held = null;
        }
    }
}
