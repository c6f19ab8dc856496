package bulletin.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test class's application at a fresh database of the tests' PostgreSQL server: a test
 * class {@code XOnPostgresTest extends XTest} runs the same specifications on PostgreSQL.
 */
public final class OnPostgres {

    /**
     * Spring registers a subclass's dynamic properties before its parent's, and the parent's would
     * win: the subclass claims the database here, and {@link TestHome#register} leaves it alone.
     */
    private static final ThreadLocal<Boolean> CLAIMED = ThreadLocal.withInitial(() -> false);

    private OnPostgres() {
    }

    /** True once after {@link #register}: the database is PostgreSQL's, not the home's HSQLDB files. */
    static boolean claimed() {
        boolean claimed = CLAIMED.get();
        CLAIMED.remove();
        return claimed;
    }

    /** The database a test's context really uses: each XOnPostgresTest asserts it is PostgreSQL. */
    public static String databaseProduct(javax.sql.DataSource dataSource) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        }
    }

    public static void register(DynamicPropertyRegistry registry, String name) {
        String url = PostgresServer.get().createDatabase(name);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresServer.USER);
        registry.add("spring.datasource.password", () -> PostgresServer.PASSWORD);
        CLAIMED.set(true);
    }
}
