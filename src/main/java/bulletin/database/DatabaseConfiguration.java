package bulletin.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bulletin's pool: over the shared server of an HSQLDB file database (each physical connection
 * finds or starts it, see {@link SharedServerDataSource}), or over whatever
 * {@code spring.datasource.url} names otherwise. Either way it is Hikari, tuned by
 * {@code spring.datasource.hikari.*} as Boot's own would be. A command that sends may hold the
 * file database itself ({@link HostedDatabase}): the pool is then closed before the files.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** How long a connection to the shared database stays in the pool unused (Hikari's least). */
    static final Duration IDLE_CONNECTION = Duration.ofSeconds(10);

    /**
     * The pool depends on it, so it is closed after the pool: the files this process holds, if
     * it does, are closed once its own connections are ({@link HostedDatabase}).
     */
    @Bean
    HostedDatabase.ClosedAfterThePool hostedDatabases() {
        return new HostedDatabase.ClosedAfterThePool();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, DatabaseSettings settings,
            HostedDatabase.ClosedAfterThePool hostedDatabases) {
        Optional<SharedServerDataSource> server = SharedServerDataSource.of(properties.determineUrl(), settings);
        if (server.isEmpty()) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(server.get());
        // No idle connection kept for long: a process that merely waits (schedule) must not hold
        // the process that serves the database (a helper, or a send holding the files) from closing it.
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(IDLE_CONNECTION.toMillis());
        return pool;
    }
}
