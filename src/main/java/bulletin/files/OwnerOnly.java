package bulletin.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that only their owner can read: member addresses are in the database, the outbox, the
 * reports, the logs. Folders Bulletin makes are 0700 and files 0600 whatever the umask; what a
 * library wrote with the umask's modes is tightened by {@link #tighten}. On a file system without
 * POSIX modes, nothing is changed.
 */
public final class OwnerOnly {

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates the folder and its missing parents, each 0700; returns it. */
    public static Path folders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return folder;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            folders(parent);
        }
        try {
            Files.createDirectory(absolute, attribute(FOLDER));
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another process: fine
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(absolute);
        }
        return folder;
    }

    /** A new (or truncated) file, 0600 from its first byte. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        folders(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, attribute(FILE));
            } catch (UnsupportedOperationException e) {
                // no POSIX modes here
            } catch (FileAlreadyExistsException e) {
                // made meanwhile: truncated below
            }
        }
        restrict(file, FILE);
        return Files.newOutputStream(file);
    }

    public static Path writeString(Path file, CharSequence text) throws IOException {
        try (OutputStream out = newOutputStream(file)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** What {@link #replace} writes, and what it returns (a count of rows, or nothing). */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the file beside itself ({@code FILE.tmp}, 0600), then moves it over the old one: a
     * reader, or a crash, finds the old file or the new, never half of one.
     */
    public static <T> T replace(Path file, Content<T> content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        T result;
        try (OutputStream out = newOutputStream(tmp)) {
            result = content.writeTo(out);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return result;
    }

    /** {@link #replace} with a text in UTF-8. */
    public static void replaceString(Path file, CharSequence text) throws IOException {
        replace(file, out -> {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    /**
     * Brings every folder under {@code root} to 0700 and every file to 0600: what libraries made
     * with the umask (the database's files, the log) and what an older Bulletin left.
     */
    public static void tighten(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    restrict(dir, FOLDER);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        restrict(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile (a rolled log, a database's temporary file)
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + root + " readable by its owner only", e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            // gone meanwhile, or no POSIX modes here
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path + " readable by its owner only", e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
