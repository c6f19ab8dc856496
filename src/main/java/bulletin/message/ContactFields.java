package bulletin.message;

import bulletin.text.Ascii;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The contact fields every address book has, under one set of names whatever exported them:
 * Thunderbird's English CSV ({@code First Name}), its French CSV ({@code Prénom}), LDIF
 * ({@code givenName}) or a file of the association's own ({@code prenom}). A recipient's value is
 * found under any of those spellings (case, accents and punctuation aside) and offered to the
 * templates under the documented name ({@code first_name}) and under each spelling it lacks, so
 * that a template written against one export also renders the rows of another.
 *
 * <p><b>Threads.</b> Shared by every thread that renders: its cache of folded column names is a
 * concurrent map, bounded at 1,000 names.
 */
public final class ContactFields {

    /** Documented name → the spellings exports use for it, the usual ones first. */
    static final Map<String, List<String>> FIELDS = fields();
    /** The same spellings folded, computed once: this runs for every recipient of a personal run. */
    private static final Map<String, List<String>> FOLDED = FIELDS.entrySet().stream().collect(Collectors.toMap(
            Map.Entry::getKey, e -> Stream.concat(Stream.of(e.getKey()), e.getValue().stream()).map(ContactFields::fold)
                    .toList()));
    /** Header names folded, once each: a run's sources have a handful of headers, read for each of its rows. */
    private static final Map<String, String> FOLDED_HEADERS = new ConcurrentHashMap<>();

    private ContactFields() {
    }

    private static Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("first_name", List.of("First Name", "Prénom", "givenName"));
        fields.put("last_name", List.of("Last Name", "Nom de famille", "sn", "Nom"));
        fields.put("display_name", List.of("Display Name", "Nom à afficher", "cn"));
        fields.put("nickname", List.of("Nickname", "Surnom", "mozillaNickname"));
        return fields;
    }

    /** Every name this class may add: the documented names and their spellings. */
    public static Set<String> names() {
        return FIELDS.entrySet().stream().flatMap(e -> Stream.concat(Stream.of(e.getKey()), e.getValue().stream()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The names to add to a recipient's own fields: only names it does not have, only values it has. */
    public static Map<String, String> of(Map<String, String> fields) {
        Map<String, String> folded = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                // Bounded: past a few hundred distinct headers (never seen), fold without remembering.
                String key = FOLDED_HEADERS.size() < 1000 ? FOLDED_HEADERS.computeIfAbsent(name, ContactFields::fold) : fold(name);
                folded.putIfAbsent(key, value);
            }
        });
        Map<String, String> added = new LinkedHashMap<>();
        FIELDS.forEach((name, spellings) -> {
            String value = FOLDED.get(name).stream().map(folded::get).filter(found -> found != null).findFirst()
                    .orElse(null);
            if (value == null) {
                return;
            }
            Stream.concat(Stream.of(name), spellings.stream()).filter(spelling -> !fields.containsKey(spelling))
                    .forEach(spelling -> added.put(spelling, value));
        });
        return added;
    }

    private static String fold(String name) {
        return Ascii.fold(name).replaceAll("[^\\p{L}\\p{Nd}]", "").toLowerCase(Locale.ROOT);
    }
}
