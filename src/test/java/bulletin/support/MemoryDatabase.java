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
        return createAt("latest");
    }

    /** The schema as it stood at migration {@code version} ("22"), to test a later migration on rows written before it. */
    public static MemoryDatabase createAt(String version) {
        MemoryDatabase database = new MemoryDatabase(new DriverManagerDataSource(
                "jdbc:hsqldb:mem:spec-" + UUID.randomUUID() + ";hsqldb.tx=mvcc", "SA", ""));
        database.migrateTo(version);
        return database;
    }

    /** Applies the migrations up to {@code version} ("latest": all of them). */
    public void migrateTo(String version) {
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/hsqldb")
                .target(version).load().migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public PlatformTransactionManager transactions() {
        return transactions;
    }
}
