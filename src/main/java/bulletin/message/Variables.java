package bulletin.message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The names templates see. */
public final class Variables {

    /** The names every recipient has in personal mode, besides its own columns. */
    public static final String EMAIL = "email";
    public static final String EMAIL_URLENCODED = "email_urlencoded";
    public static final String NAME = "name";
    public static final String UNSUBSCRIBE_URL = "unsubscribe_url";
    /** The names every recipient has, whatever its source. */
    public static final List<String> PER_RECIPIENT = List.of(EMAIL, EMAIL_URLENCODED, NAME, UNSUBSCRIBE_URL);

    private Variables() {
    }

    /** Flat names with dots ({@code list.name}) become nested maps, as Mustache looks them up. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> nest(Map<String, String> flat) {
        Map<String, Object> nested = new LinkedHashMap<>();
        flat.forEach((name, value) -> {
            String[] parts = name.split("\\.");
            Map<String, Object> level = nested;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = level.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                if (!(next instanceof Map)) {
                    next = new LinkedHashMap<String, Object>();
                    level.put(parts[i], next);
                }
                level = (Map<String, Object>) next;
            }
            level.put(parts[parts.length - 1], value);
        });
        return nested;
    }

    /**
     * A recipient's names: its columns, the contact fields under every export's spelling
     * ({@link ContactFields}: {@code first_name}, {@code Prénom}, {@code First Name}…), then email,
     * name and the URL-encoded email (which win).
     */
    public static Map<String, String> recipient(Map<String, String> campaign, Map<String, String> fields, String email,
                                                String name) {
        Map<String, String> all = new LinkedHashMap<>(campaign);
        all.putAll(ContactFields.of(fields));
        all.putAll(fields);
        all.put(EMAIL, email);
        all.put(EMAIL_URLENCODED, URLEncoder.encode(email, StandardCharsets.UTF_8));
        all.put(NAME, name == null ? "" : name);
        return all;
    }
}
