package bulletin.message;

import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-ID of each message Bulletin sends: {@code <run.message.execution.random@domain>}.
 * It sorts in sending order, names the run and the message in a bounce that quotes it, and is
 * unique even when a restart sends a message number again. Its random part (122 random bits) is
 * what makes a bounce trustworthy: the ledger records each recipient's Message-ID, so a bounce
 * that quotes the one sent to an address was written by someone who saw that message, not guessed.
 */
public final class MessageIds {

    /** At most 18 digits: a longer run number is nobody's (and would not fit a long), so a crafted one reads as none. */
    private static final Pattern OURS = Pattern.compile("<(\\d{1,18})\\.\\d{1,9}\\.\\d{1,18}\\.[0-9a-fA-F-]{36}@[^<>\\s]{1,255}>");

    private MessageIds() {
    }

    public static String of(long runId, int messageNo, long executionId, String senderDomain) {
        // Built by hand: String.format was a tenth of the send loop's own time (JFR, 2,000 messages a second).
        String number = Integer.toString(messageNo);
        StringBuilder id = new StringBuilder(96).append('<').append(runId).append('.');
        for (int pad = number.length(); pad < 6; pad++) {
            id.append('0');
        }
        return id.append(number).append('.').append(executionId).append('.').append(UUID.randomUUID()).append('@')
                .append(senderDomain).append('>').toString();
    }

    /**
     * A preview's or a test copy's Message-ID: unique like any (a client that threads or dedupes
     * by it never merges two previews) and of no run's shape, so nothing that quotes it acts on a run.
     */
    public static String preview(String senderDomain) {
        return "<preview." + UUID.randomUUID() + "@" + senderDomain + ">";
    }

    /** The run a Message-ID of Bulletin's names; empty for anybody else's. */
    public static OptionalLong runOf(String messageId) {
        Matcher ours = messageId == null ? null : OURS.matcher(messageId.strip());
        return ours != null && ours.matches() ? OptionalLong.of(Long.parseLong(ours.group(1))) : OptionalLong.empty();
    }

    /** Every Message-ID of Bulletin's shape a text quotes, each once, in order (at most {@code limit}). */
    public static Set<String> quotedIn(CharSequence text, int limit) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = OURS.matcher(text);
        while (found.size() < limit && matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
