package bulletin.audience;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every entry of every source of a campaign, in order: the files one after the other, each
 * read as a stream. Fatal problems (a missing file, no address column, undecodable bytes)
 * are {@link AudienceException}s.
 */
public final class AudienceReader implements Iterator<AudienceEntry>, Closeable {

    private final Iterator<Path> files;
    private CsvRecipientFile current;

    public AudienceReader(List<Path> sources) {
        this.files = List.copyOf(sources).iterator();
    }

    /** Fails now, naming the file, when a source is missing: before a single row is staged. */
    public static void checkReadable(List<Path> sources) {
        for (Path source : sources) {
            if (!Files.isRegularFile(source)) {
                throw new AudienceException(source, 0, "no such recipient file; check the path in the job file");
            }
            if (!Files.isReadable(source)) {
                throw new AudienceException(source, 0, "cannot be read; check its permissions");
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            if (current != null) {
                current.close();
                current = null;
            }
            if (!files.hasNext()) {
                return false;
            }
            current = new CsvRecipientFile(files.next());
        }
        return true;
    }

    @Override
    public AudienceEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
