package bulletin.database;

import java.nio.file.Path;
import java.util.Optional;

/** What a {@code spring.datasource.url} says: the one place its forms are read. */
public final class DatabaseUrls {

    private static final String HSQLDB_FILE = "jdbc:hsqldb:file:";
    private static final String POSTGRESQL = "jdbc:postgresql:";

    private DatabaseUrls() {
    }

    /** For an HSQLDB file database: its files' path (without extension), absolute. */
    public static Optional<Path> hsqldbFile(String url) {
        if (url == null || !url.startsWith(HSQLDB_FILE)) {
            return Optional.empty();
        }
        String rest = url.substring(HSQLDB_FILE.length());
        int semicolon = rest.indexOf(';');
        return Optional.of(Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)).toAbsolutePath().normalize());
    }

    /** For an HSQLDB file database: the properties after the path ("hsqldb.tx=mvcc;…"), else "". */
    public static String hsqldbProperties(String url) {
        int semicolon = url.indexOf(';');
        return semicolon < 0 ? "" : url.substring(semicolon + 1);
    }

    /** A database that several hosts may share, with its own locks (PostgreSQL). */
    public static boolean isPostgresql(String url) {
        return url != null && url.startsWith(POSTGRESQL);
    }
}
