package bulletin.audience;

import bulletin.text.Sentence;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A recipient CSV file, read as a stream of entries (never whole into memory): a header row
 * naming the columns, one recipient a row; or no header at all when the first line already holds
 * an address (a plain list, one address per line). The delimiter (',' ';' or tab) is the one the
 * header row uses most.
 */
final class CsvRecipientFile implements Iterator<AudienceEntry>, Closeable {

    private final Path file;
    /** The file as the operator's sentences and the ledger name it (relative to the home). */
    private final Path shownAs;
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

    CsvRecipientFile(Path file, Path shownAs, Charset declaredCharset, Character declaredDelimiter,
                     AddressNormalizer normalizer) {
        Charset charset = hasUtf8Bom(file) ? StandardCharsets.UTF_8 : declaredCharset;
        this.file = file;
        this.shownAs = shownAs;
        this.charset = charset;
        this.normalizer = normalizer;
        char delimiter;
        try {
            delimiter = declaredDelimiter != null ? declaredDelimiter : detectDelimiter(file, charset);
        } catch (NoSuchFileException e) {
            throw new AudienceException(shownAs, 0, Sentence.of("audience.no-such-file"));
        } catch (CharacterCodingException e) {
            throw Undecodable.error(file, shownAs, charset);
        } catch (BoundedLines.TooLong e) {
            throw new AudienceException(shownAs, e.line(), e.sentence());
        } catch (IOException e) {
            throw new AudienceException(shownAs, 1, Sentence.of("audience.header-unreadable", e.getMessage()));
        }
        CSVParser withHeader = open(file, charset, delimiter, true);
        List<String> names = withHeader.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
        int address = addressColumn(names);
        int bare = address >= 0 ? -1 : bareAddressColumn(names, normalizer);
        if (bare >= 0) {
            // No header row: the first line is already a recipient (a plain list of addresses, one per line).
            closeQuietly(withHeader);
            this.parser = open(file, charset, delimiter, false);
            this.headers = List.of();
            this.addressColumn = bare;
        } else if (address >= 0) {
            this.parser = withHeader;
            this.headers = names;
            this.addressColumn = address;
        } else {
            closeQuietly(withHeader);
            throw new AudienceException(shownAs, 1, Sentence.of("audience.no-address-column", shownHeader(names),
                    String.join(", ", ColumnNames.ADDRESS_AS_WRITTEN)));
        }
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
        String displayName = displayName(record);
        String text = value(record, addressColumn);
        AddressNormalizer.Result result = normalizer.normalize(text);
        if (result instanceof AddressNormalizer.Valid valid) {
            return new AudienceEntry.Accepted(new Recipient(valid.address(), valid.key(),
                    displayName != null ? displayName : valid.displayName(), attributes(record), shownAs, line));
        }
        return new AudienceEntry.Invalid(text, displayName, shownAs, line, ((AddressNormalizer.Rejected) result).said());
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
            return Undecodable.error(file, shownAs, charset);
        }
        if (e.getCause() instanceof BoundedLines.TooLong tooLong) {
            return new AudienceException(shownAs, tooLong.line(), tooLong.sentence());
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
            return new AudienceException(shownAs, line, Sentence.of("audience.quote-never-closed"));
        }
        return new AudienceException(shownAs, line, Sentence.of("audience.not-csv", problem));
    }

    private static final Pattern STARTLINE = Pattern.compile("^\\(startline (\\d+)\\)");

    /**
     * The header row, when it reads as column names; a file that is not a recipient file at all
     * (/etc/shadow, a binary) is never echoed: its first line may be a secret.
     */
    private static Object shownHeader(List<String> names) {
        boolean columnNames = !names.isEmpty() && names.size() <= 50 && names.stream()
                .allMatch(name -> name.length() <= 40 && name.matches("[\\p{L}\\p{N} _.\\-'()/#]*"));
        return columnNames ? " " + names : Sentence.of("audience.not-column-names");
    }

    private static int addressColumn(List<String> names) {
        for (String wanted : ColumnNames.ADDRESS) {
            int index = column(names, wanted::equals);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    /** The one column of a first line that holds an address: that line is a recipient, not a header. */
    private static int bareAddressColumn(List<String> firstLine, AddressNormalizer normalizer) {
        int found = -1;
        for (int i = 0; i < firstLine.size(); i++) {
            if (firstLine.get(i).contains("@") && normalizer.normalize(firstLine.get(i)) instanceof AddressNormalizer.Valid) {
                if (found >= 0) {
                    return -1; // two addresses on the first line: not a plain list
                }
                found = i;
            }
        }
        return found;
    }

    private CSVParser open(Path file, Charset charset, char delimiter, boolean header) {
        try {
            Reader reader = new BufferedReader(new BoundedLines(new InputStreamReader(Files.newInputStream(file),
                    charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT))));
            CSVFormat.Builder format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(delimiter)
                    .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                    .setAllowMissingColumnNames(true)
                    // Empty lines come through as records (and are skipped below) so that line numbers stay exact.
                    .setIgnoreEmptyLines(false);
            if (header) {
                format.setHeader().setSkipHeaderRecord(true);
            }
            return CSVParser.builder().setReader(reader).setFormat(format.get()).get();
        } catch (NoSuchFileException e) {
            throw new AudienceException(shownAs, 0, Sentence.of("audience.no-such-file"));
        } catch (CharacterCodingException e) {
            throw Undecodable.error(file, shownAs, charset);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw Undecodable.error(file, shownAs, charset);
            }
            if (e.getCause() instanceof BoundedLines.TooLong tooLong) {
                throw new AudienceException(shownAs, tooLong.line(), tooLong.sentence());
            }
            throw new AudienceException(shownAs, 1, Sentence.of("audience.header-unreadable", e.getMessage()));
        } catch (BoundedLines.TooLong e) {
            throw new AudienceException(shownAs, e.line(), e.sentence());
        } catch (IOException | IllegalArgumentException e) {
            throw new AudienceException(shownAs, 1, Sentence.of("audience.header-unreadable", e.getMessage()));
        }
    }

    private static void closeQuietly(CSVParser parser) {
        try {
            parser.close();
        } catch (IOException e) {
            // only read from
        }
    }

    private int column(Predicate<String> folded) {
        return column(headers, folded);
    }

    private static int column(List<String> names, Predicate<String> folded) {
        for (int i = 0; i < names.size(); i++) {
            if (folded.test(ColumnNames.fold(names.get(i)))) {
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
        try (BufferedReader reader = new BufferedReader(new BoundedLines(Files.newBufferedReader(file, charset)))) {
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
        } catch (MalformedInputException e) {
            throw new CharacterCodingException();
        }
    }
}
