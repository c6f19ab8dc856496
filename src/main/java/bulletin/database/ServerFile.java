package bulletin.database;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running database server says how to reach it: {@code DB.server} beside the database
 * files, holding its loopback port, the password of this server's session and its process id.
 * Readable by the file's owner only, since the password opens the ledger.
 */
record ServerFile(int port, String password, long pid) {

    /** The name the server gives the database: the last part of its URL. */
    static final String DATABASE_NAME = "bulletin";

    static Path of(Path database) {
        return database.resolveSibling(database.getFileName() + ".server");
    }

    String url() {
        return "jdbc:hsqldb:hsql://127.0.0.1:" + port + "/" + DATABASE_NAME;
    }

    static Optional<ServerFile> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(new ServerFile(Integer.parseInt(properties.getProperty("port")),
                    properties.getProperty("password"), Long.parseLong(properties.getProperty("pid"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // half-written or damaged: treated as no server
        }
    }

    /** Written to a temporary file and moved into place, so that a reader never sees half of it. */
    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("password", password);
        properties.setProperty("pid", Long.toString(pid));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "Bulletin's database server on loopback; removed when it stops");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("the database folder must be on a POSIX file system", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
