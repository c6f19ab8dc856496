package bulletin.database;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bulletin's pool: over the shared server of an HSQLDB file database (each physical connection
 * finds or starts it, see {@link SharedServerDataSource}), or over whatever
 * {@code spring.datasource.url} names otherwise. Either way it is Hikari, tuned by
 * {@code spring.datasource.hikari.*} as Boot's own would be.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final String FILE_URL = "jdbc:hsqldb:file:";

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, DatabaseSettings settings) {
        String url = properties.determineUrl();
        if (!settings.shared() || url == null || !url.startsWith(FILE_URL)) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        String rest = url.substring(FILE_URL.length());
        int semicolon = rest.indexOf(';');
        Path database = Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)).toAbsolutePath().normalize();
        String fileProperties = semicolon < 0 ? "" : rest.substring(semicolon + 1);
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(new SharedServerDataSource(database, fileProperties, settings.idleShutdown()));
        return pool;
    }
}
