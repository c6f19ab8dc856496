package bulletin.ledger;

import bulletin.files.OwnerOnly;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;

/**
 * Writes a run's audit as CSV. Values come from recipients' own files, and a spreadsheet runs
 * a cell that starts with = + - or @ as a formula: such values are prefixed with a quote.
 */
@Component
public class AuditCsvExport {

    static final String[] HEADER = {"campaign", "period", "execution_id", "seq", "address", "display_name", "status",
            "reason", "message_no", "message_id", "relay_reply", "source_file", "source_line", "updated_at"};

    private final Ledger ledger;

    AuditCsvExport(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * An attempt's audit: the run's rows above {@code afterSeq} (0: all), showing each to
     * {@code alsoEach} too (the run report's collector: one pass for both; {@link Ledger#tellRowsThrough}
     * tells it the rows below). Returns how many rows it holds.
     */
    public long writeAbove(long runId, int afterSeq, Path file, Consumer<AuditRow> alsoEach) {
        return write(file, consumer -> ledger.forEachRowAbove(runId, afterSeq, consumer.andThen(alsoEach)));
    }

    /** The run's rows in one state only (all when null): {@code bulletin audit RUN --csv FILE}. */
    public long write(long runId, DeliveryStatus state, Path file) {
        return write(file, consumer -> ledger.forEachRow(runId, state, consumer));
    }

    private long write(Path file, Consumer<Consumer<AuditRow>> rowsOf) {
        try {
            return OwnerOnly.replace(file, stream -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                long rows = write(out, rowsOf);
                out.flush();
                return rows;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit to " + file, e);
        }
    }

    public long write(long runId, DeliveryStatus state, Writer out) throws IOException {
        return write(out, consumer -> ledger.forEachRow(runId, state, consumer));
    }

    /**
     * Every row about one address, in every run: one person's data, with every column of their
     * input rows in a last column ({@code name=value; name=value}).
     */
    public long writeAddress(String address, Path file) {
        String[] header = Arrays.copyOf(HEADER, HEADER.length + 1);
        header[HEADER.length] = "input_columns";
        try {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(OwnerOnly.newOutputStream(file),
                    StandardCharsets.UTF_8))) {
                return AuditCsvExport.<PersonRow>write(out, header, consumer -> ledger.forEachRowOfAddress(address, consumer),
                        person -> cells(person.row(), inputColumns(person.fields())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit to " + file, e);
        }
    }

    private long write(Writer out, Consumer<Consumer<AuditRow>> rowsOf)
            throws IOException {
        return write(out, HEADER, rowsOf, row -> cells(row));
    }

    private static <T> long write(Writer out, String[] header,
                                  Consumer<Consumer<T>> rowsOf,
                                  Function<T, List<Object>> cells) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get());
        long[] rows = {0};
        try {
            rowsOf.accept(row -> {
                rows[0]++;
                try {
                    printer.printRecord(cells.apply(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
        return rows[0];
    }

    private static List<Object> cells(AuditRow row, Object... more) {
        List<Object> cells = new ArrayList<>(List.of(row.campaign(), row.period()));
        cells.addAll(Arrays.asList(row.executionId(), row.seq(), safe(row.address()), safe(row.displayName()), row.status(),
                safe(row.reason()), row.messageNo(), safe(row.messageId()), safe(row.relayReply()), safe(row.sourceFile()),
                row.sourceLine(), row.updatedAt()));
        cells.addAll(Arrays.asList(more));
        return cells;
    }

    /** A person's input columns in one cell, as they read them: "Email=marie@…; Ville=Nouméa". */
    static String inputColumns(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("; ");
        fields.forEach((name, value) -> joined.add(name + "=" + value));
        return safe(joined.toString());
    }

    /** Neutralises spreadsheet formulas (CSV injection). */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
