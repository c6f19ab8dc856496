package bulletin.batch;

import java.util.Map;

/** A recipient as templates see it in personal mode, and where it came from (for errors). */
record Addressee(String email, String name, Map<String, String> fields, String location) {
}
