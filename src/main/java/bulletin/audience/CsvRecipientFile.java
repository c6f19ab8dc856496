package bulletin.audience;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A recipient CSV file, read as a stream of entries (never whole into memory): a header row
 * naming the columns, one recipient a row. The delimiter (',' ';' or tab) is the one the
 * header row uses most.
 */
final class CsvRecipientFile implements Iterator<AudienceEntry>, Closeable {

    private final Path file;
    private final Charset charset;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> headers;
    private final int addressColumn;
    private final int displayNameColumn;
    private final int firstNameColumn;
    private final int lastNameColumn;
    private final AddressNormalizer normalizer;
    private long nextLine;
    private CSVRecord pending;
    private long pendingLine;

    CsvRecipientFile(Path file, Charset declaredCharset, Character declaredDelimiter, AddressNormalizer normalizer) {
        Charset charset = hasUtf8Bom(file) ? StandardCharsets.UTF_8 : declaredCharset;
        this.file = file;
        this.charset = charset;
        this.normalizer = normalizer;
        try {
            char delimiter = declaredDelimiter != null ? declaredDelimiter : detectDelimiter(file, charset);
            Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(delimiter)
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                    .setAllowMissingColumnNames(true)
                    // Empty lines come through as records (and are skipped below) so that line numbers stay exact.
                    .setIgnoreEmptyLines(false)
                    .get();
            this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (NoSuchFileException e) {
            throw new AudienceException(file, 0, "no such recipient file; check the path in the job file");
        } catch (CharacterCodingException e) {
            throw Undecodable.error(file, charset);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw Undecodable.error(file, charset);
            }
            throw new AudienceException(file, 1, "cannot read the header row: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new AudienceException(file, 1, "cannot read the header row: " + e.getMessage());
        }
        this.headers = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
        this.addressColumn = addressColumn();
        this.displayNameColumn = column(ColumnNames.DISPLAY_NAME::contains);
        this.firstNameColumn = column(ColumnNames.FIRST_NAME::contains);
        this.lastNameColumn = column(ColumnNames.LAST_NAME::contains);
        this.records = parser.iterator();
        this.nextLine = parser.getCurrentLineNumber() + 1;
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            try {
                if (!records.hasNext()) {
                    return false;
                }
                long line = nextLine;
                CSVRecord record = records.next();
                nextLine = parser.getCurrentLineNumber() + 1;
                if (!isBlank(record)) {
                    pending = record;
                    pendingLine = line;
                }
            } catch (UncheckedIOException e) {
                throw unreadable(e);
            }
        }
        return true;
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    @Override
    public AudienceEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = pending;
        long line = pendingLine;
        pending = null;
        String name = displayName(record);
        String text = value(record, addressColumn);
        AddressNormalizer.Result result = normalizer.normalize(text);
        if (result instanceof AddressNormalizer.Valid valid) {
            return new AudienceEntry.Accepted(new Recipient(valid.address(), valid.key(),
                    name != null ? name : valid.displayName(), attributes(record), file, line));
        }
        return new AudienceEntry.Invalid(text, name, file, line, ((AddressNormalizer.Rejected) result).reason());
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AudienceException unreadable(UncheckedIOException e) {
        long line = parser.getCurrentLineNumber() + 1;
        if (e.getCause() instanceof CharacterCodingException) {
            return Undecodable.error(file, charset);
        }
        String problem = e.getCause() == null || e.getCause().getMessage() == null ? String.valueOf(e.getMessage())
                : e.getCause().getMessage();
        Matcher start = STARTLINE.matcher(problem);
        if (start.find()) {
            // Commons CSV names the line where the broken field began: the one to fix.
            line = Long.parseLong(start.group(1));
            problem = problem.substring(start.end()).strip();
        }
        if (problem.startsWith("EOF reached before encapsulated token finished")) {
            return new AudienceException(file, line, "a quoted field that starts on this line is never closed (a \" without"
                    + " its closing \"); check the quotes on that line");
        }
        return new AudienceException(file, line, "cannot be parsed as CSV (" + problem + "); check the quotes on that line");
    }

    private static final Pattern STARTLINE = Pattern.compile("^\\(startline (\\d+)\\)");

    private int addressColumn() {
        for (String wanted : ColumnNames.ADDRESS) {
            int index = column(wanted::equals);
            if (index >= 0) {
                return index;
            }
        }
        throw new AudienceException(file, 1, "no address column in the header row " + headers
                + "; name one of them 'email' (or e-mail, mail, courriel, Primary Email)");
    }

    private int column(java.util.function.Predicate<String> folded) {
        for (int i = 0; i < headers.size(); i++) {
            if (folded.test(ColumnNames.fold(headers.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private String displayName(CSVRecord record) {
        String display = DisplayNames.clean(value(record, displayNameColumn));
        if (display != null) {
            return display;
        }
        String first = value(record, firstNameColumn);
        String last = value(record, lastNameColumn);
        return DisplayNames.clean((first == null ? "" : first) + " " + (last == null ? "" : last));
    }

    private Map<String, String> attributes(CSVRecord record) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < headers.size() && i < record.size(); i++) {
            if (!headers.get(i).isEmpty()) {
                attributes.putIfAbsent(headers.get(i), record.get(i));
            }
        }
        return attributes;
    }

    private static String value(CSVRecord record, int index) {
        return index >= 0 && index < record.size() ? record.get(index) : null;
    }

    /** A UTF-8 byte order mark says what the file is, whatever the job file declares. */
    private static boolean hasUtf8Bom(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(3);
            return start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF;
        } catch (IOException e) {
            return false;
        }
    }

    /** The delimiter is whichever of ',' ';' and tab the first line holds most often (outside quotes). */
    private static char detectDelimiter(Path file, Charset charset) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, charset)) {
            String first = reader.readLine();
            if (first == null) {
                return ',';
            }
            int comma = 0;
            int semicolon = 0;
            int tab = 0;
            boolean quoted = false;
            for (char c : first.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted) {
                    comma += c == ',' ? 1 : 0;
                    semicolon += c == ';' ? 1 : 0;
                    tab += c == '\t' ? 1 : 0;
                }
            }
            if (semicolon > comma && semicolon >= tab) {
                return ';';
            }
            return tab > comma ? '\t' : ',';
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CharacterCodingException();
        }
    }
}
