package bulletin.ledger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row about one person, as the audit shows it, with the columns of their input row (name to value, in its order). */
public record PersonRow(AuditRow row, Map<String, String> fields) {

    public PersonRow {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
