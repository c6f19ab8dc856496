package bulletin.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
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

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, DatabaseSettings settings) {
        Optional<SharedServerDataSource> server = SharedServerDataSource.of(properties.determineUrl(), settings);
        if (server.isEmpty()) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(server.get());
        return pool;
    }
}
