package bulletin.ledger;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** A recipient's other columns as stored in the ledger: name,value pairs as one CSV record. */
public final class Fields {

    private Fields() {
    }

    public static String encode(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        List<String> pairs = new ArrayList<>(fields.size() * 2);
        fields.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value == null ? "" : value);
        });
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(pairs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        try {
            CSVRecord record = CSVFormat.RFC4180.parse(new StringReader(encoded)).getRecords().get(0);
            for (int i = 0; i + 1 < record.size(); i += 2) {
                fields.put(record.get(i), record.get(i + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }
}
