package bulletin.database;

import java.nio.file.Path;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where Boot's data source connects: to the shared server of an HSQLDB file database (started
 * when none runs), or to whatever {@code spring.datasource.url} names otherwise. Boot still builds
 * and tunes the pool ({@code spring.datasource.hikari.*}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final String FILE_URL = "jdbc:hsqldb:file:";

    @Bean
    JdbcConnectionDetails jdbcConnectionDetails(DataSourceProperties properties, DatabaseSettings settings) {
        String url = properties.determineUrl();
        if (!settings.shared() || url == null || !url.startsWith(FILE_URL)) {
            return new Details(url, properties.determineUsername(), properties.determinePassword());
        }
        String rest = url.substring(FILE_URL.length());
        int semicolon = rest.indexOf(';');
        Path database = Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)).toAbsolutePath().normalize();
        String fileProperties = semicolon < 0 ? "" : rest.substring(semicolon + 1);
        SharedDatabase.Route route = SharedDatabase.connect(database, fileProperties, settings.idleShutdown());
        return new Details(route.url(), "SA", route.password());
    }

    private record Details(String url, String user, String secret) implements JdbcConnectionDetails {
        @Override
        public String getUsername() {
            return user;
        }

        @Override
        public String getPassword() {
            return secret;
        }

        @Override
        public String getJdbcUrl() {
            return url;
        }

        @Override
        public String toString() {
            return "JdbcConnectionDetails[" + url + "]"; // never the password
        }
    }
}
