package bulletin.audience;

import java.nio.file.Path;

/** What one input row became: a recipient, or a rejection with its reason. Every row is one of these. */
public sealed interface AudienceEntry {

    Path source();

    long line();

    record Accepted(Recipient recipient) implements AudienceEntry {
        @Override
        public Path source() {
            return recipient.source();
        }

        @Override
        public long line() {
            return recipient.line();
        }
    }

    /** An input row that cannot be mailed; {@code text} is what the row held, for the operator to fix. */
    record Invalid(String text, String displayName, Path source, long line, String reason) implements AudienceEntry {
    }
}
