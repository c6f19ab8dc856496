package bulletin.audience;

import bulletin.text.Sentence;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An LDIF file read one entry at a time, each with the line it starts on. Records are split
 * here (blank lines, comments) so that errors and rejections can name their line; decoding a
 * record — folded lines, {@code attr:: base64} values — is UnboundID's.
 */
final class LdifRecords implements Closeable {

    /** One decoded entry and the line its record starts on. */
    record Located(Entry entry, long line) {
    }

    private final Path file;
    private final Path shownAs;
    private final Charset charset;
    private final BufferedReader reader;
    /** The largest entry read: a contact with a photo is a few hundred kilobytes. */
    private static final int MAX_ENTRY = 5 * 1024 * 1024;
    private long entryLength;
    private long lineNumber;

    /** @param shownAs the file as the operator is told of it */
    LdifRecords(Path file, Path shownAs, Charset charset) {
        this.file = file;
        this.shownAs = shownAs;
        this.charset = charset;
        try {
            this.reader = new BufferedReader(new BoundedLines(new InputStreamReader(Files.newInputStream(file),
                    charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT))));
        } catch (IOException e) {
            throw new AudienceException(shownAs, 0, Sentence.of("yaml.unreadable", e.getMessage()));
        }
    }

    /** The next entry, or null at the end of the file. */
    Located next() {
        List<String> lines = new ArrayList<>();
        long start = 0;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    if (isEntry(lines)) {
                        return decode(lines, start);
                    }
                    lines.clear();
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                if (lines.isEmpty()) {
                    start = lineNumber;
                    entryLength = 0;
                }
                entryLength += line.length();
                if (entryLength > MAX_ENTRY) {
                    // A value folded over many lines (a photo) can be any size: held whole, it would take the heap.
                    throw new AudienceException(shownAs, start, Sentence.of("audience.ldif-entry-too-large",
                            MAX_ENTRY / (1024 * 1024)));
                }
                lines.add(line);
            }
        } catch (CharacterCodingException e) {
            throw Undecodable.error(file, shownAs, charset);
        } catch (BoundedLines.TooLong e) {
            throw new AudienceException(shownAs, e.line(), e.sentence());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return isEntry(lines) ? decode(lines, start) : null;
    }

    /** A record that is only {@code version: 1} is the file's header, not an entry. */
    private static boolean isEntry(List<String> lines) {
        return !lines.isEmpty() && !(lines.size() == 1 && lines.get(0).toLowerCase().startsWith("version:"));
    }

    private Located decode(List<String> lines, long start) {
        try {
            return new Located(LDIFReader.decodeEntry(lines.toArray(String[]::new)), start);
        } catch (LDIFException e) {
            throw new AudienceException(shownAs, start + Math.max(0, e.getLineNumber()),
                    Sentence.of("audience.not-ldif", e.getMessage()));
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
