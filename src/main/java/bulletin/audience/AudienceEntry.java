package bulletin.audience;

import bulletin.text.Sentence;
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
    record Invalid(String text, String displayName, Path source, long line, Sentence said) implements AudienceEntry {

        Invalid(String text, String displayName, Path source, long line, String reason) {
            this(text, displayName, source, line, Sentence.of("text", reason));
        }

        /** In English, as the ledger and the audit keep it. */
        public String reason() {
            return said.english();
        }
    }
}
