package bulletin.campaign;

import java.util.Map;

/** A recipient as templates see it in personal mode, and where it came from (for errors). */
public record Addressee(String email, String name, Map<String, String> fields, String location) {
}
