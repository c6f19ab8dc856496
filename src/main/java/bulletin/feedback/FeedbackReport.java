package bulletin.feedback;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one read of a mailbox (or of Mailjet's events) did, for the operator: per address what was
 * done, and what was left alone.
 */
public final class FeedbackReport {

    private final String source;
    private final boolean dryRun;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Integer> leftAlone = new TreeMap<>();
    /** Failures of the sender's or the message's making, per recipient domain: the campaign's problem. */
    private final Map<String, CampaignProblem> campaignProblems = new TreeMap<>();
    private int suppressed;
    private int counted;
    private int setAside;
    private int finished;
    private int wouldApply;
    private String failure;
    private final List<String> unreadable = new ArrayList<>();

    /** @param source what was read, as the report names it: "Mailbox 'mailbox'", "Mailjet (relay 'mailjet')" */
    FeedbackReport(String source, boolean dryRun) {
        this.source = source;
        this.dryRun = dryRun;
    }

    void leftAlone(String kind) {
        leftAlone.merge(label(kind), 1, Integer::sum);
    }

    void wouldApply(String detail) {
        wouldApply++;
        lines.add("would act on " + detail);
    }

    void applied(List<FeedbackActions.Done> done) {
        applied(done, null);
    }

    /** @param origin the message the lines came from (its number in the mailbox, date, Message-ID), or null */
    void applied(List<FeedbackActions.Done> done, String origin) {
        for (FeedbackActions.Done one : done) {
            lines.add((one.address().isEmpty() ? "" : one.address() + ": ") + one.what()
                    + (origin == null ? "" : " [" + origin + "]"));
            if (one.campaignProblem()) {
                campaignProblems.computeIfAbsent(domain(one.address()), d -> new CampaignProblem(one.what())).count++;
            } else if (one.suppressed()) {
                suppressed++;
            } else {
                counted++;
            }
        }
    }

    void setAside() {
        setAside++;
    }

    void finished() {
        finished++;
    }

    /** What was read, as the report names it. */
    String source() {
        return source;
    }

    void note(String note) {
        if (note != null) {
            lines.add(note);
        }
    }

    /** A message that could not be read: named once, left in the inbox. */
    void unreadable(String which) {
        unreadable.add(which);
    }

    /** Whether every message was read: false when one could not be parsed (it is named in the report). */
    public boolean allRead() {
        return unreadable.isEmpty();
    }

    /** The read stopped: what was applied before stays applied. */
    void failed(String why) {
        failure = why;
    }

    public boolean complete() {
        return failure == null;
    }

    /** Why the read stopped, or null when it did not. */
    public String failure() {
        return failure;
    }

    public int suppressed() {
        return suppressed;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether some members were refused because of the sender or the message (a blocklist, DMARC, a filter). */
    public boolean campaignProblems() {
        return !campaignProblems.isEmpty();
    }

    public Map<String, Integer> leftAlone() {
        return Map.copyOf(leftAlone);
    }

    public void print(PrintWriter out) {
        out.println((dryRun ? "Dry run — " : "") + source + ":");
        lines.forEach(line -> out.println("  " + line));
        if (dryRun) {
            out.println(wouldApply + " message(s) would be acted on; nothing was changed in the mailbox or the database.");
        } else {
            int refusedBySender = campaignProblems.values().stream().mapToInt(p -> p.count).sum();
            out.println(suppressed + " address(es) suppressed, " + counted + " other(s) noted"
                    + (refusedBySender > 0 ? ", " + refusedBySender + " refused because of the sender (kept)" : "") + "; " + setAside
                    + " message(s) set aside" + (finished > 0 ? ", " + finished + " left over from an earlier read" : "") + ".");
        }
        if (!campaignProblems.isEmpty()) {
            out.println("Campaign problem: members were refused because of the sender or the message, not their address"
                    + " (they were kept; fix the sending side, e.g. the relay's IP reputation, SPF/DKIM/DMARC, the content):");
            campaignProblems.forEach((domain, problem) -> out.println("  " + domain + ": " + problem.count
                    + " refused, e.g. " + problem.example));
        }
        if (leftAlone.isEmpty() && source.startsWith("Mailjet")) {
            return;
        }
        if (!unreadable.isEmpty()) {
            out.println("Could not be read, left in the inbox unread for people (named once): " + unreadable.size());
            unreadable.forEach(which -> out.println("  " + which));
        }
        if (failure != null) {
            out.println("Stopped: " + failure + ". What is listed above is kept; the next read goes on from there.");
        }
        int alone = leftAlone.values().stream().mapToInt(Integer::intValue).sum();
        out.println("Left alone, untouched and unread: " + alone + (alone == 0 ? "" : " (" + leftAlone.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("") + ")") + ".");
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }

    private static final class CampaignProblem {
        private final String example;
        private int count;

        CampaignProblem(String example) {
            this.example = example;
        }
    }

    private static String label(String kind) {
        return switch (kind) {
            case "AUTO_REPLY" -> "automatic reply";
            case "BOUNCE_NOT_OURS" -> "bounce for an address Bulletin never mailed";
            case "COMPLAINT_UNNAMED" -> "spam complaint that names no member";
            case "COMPLAINT_UNVERIFIED" -> "spam complaint that quotes none of Bulletin's messages";
            case "UNSUBSCRIBE_NOT_OURS" -> "unsubscribe request for an address Bulletin does not mail";
            case "CONFIRMATION_LATE" -> "confirmation answered too late";
            case "BOUNCE_MISMATCHED" -> "bounce that quotes a message Bulletin did not send to that address";
            case "UNREADABLE" -> "unreadable";
            default -> "not for Bulletin";
        };
    }
}
