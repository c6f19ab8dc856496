package bulletin.support;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A private HSQLDB in memory with Bulletin's real schema (the same Flyway migrations, in the same
 * order), for the fast specifications that use the ledger without a Spring context.
 */
public final class MemoryDatabase {

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;

    private MemoryDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transactions = new DataSourceTransactionManager(dataSource);
    }

    public static MemoryDatabase create() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:hsqldb:mem:spec-" + UUID.randomUUID() + ";hsqldb.tx=mvcc", "SA", "");
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/hsqldb")
                .load().migrate();
        return new MemoryDatabase(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public PlatformTransactionManager transactions() {
        return transactions;
    }
}
