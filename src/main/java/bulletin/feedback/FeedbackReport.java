package bulletin.feedback;

import bulletin.text.Sentence;
import bulletin.text.TerminalWords;
import bulletin.text.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one read of a mailbox (or of Mailjet's events) did, for the operator: per address what was
 * done, and what was left alone.
 */
public final class FeedbackReport {

    private final String source;
    private final boolean dryRun;
    private final List<Sentence> lines = new ArrayList<>();
    private final Map<String, Integer> leftAlone = new TreeMap<>();
    /** Failures of the sender's or the message's making, per recipient domain: the campaign's problem. */
    private final Map<String, CampaignProblem> campaignProblems = new TreeMap<>();
    private int suppressed;
    private int counted;
    private int setAside;
    private int finished;
    private int wouldApply;
    private Sentence failure;
    private final List<Sentence> unreadable = new ArrayList<>();

    /** @param source what was read, as the report names it: "Mailbox 'mailbox'", "Mailjet (relay 'mailjet')" */
    FeedbackReport(String source, boolean dryRun) {
        this.source = source;
        this.dryRun = dryRun;
    }

    void leftAlone(String kind) {
        leftAlone.merge(label(kind), 1, Integer::sum);
    }

    void wouldApply(Sentence detail) {
        wouldApply++;
        lines.add(Sentence.of("feedback.would-act", detail));
    }

    void applied(List<FeedbackActions.Done> done) {
        applied(done, null);
    }

    /** @param origin the message the lines came from (its number in the mailbox, date, Message-ID), or null */
    void applied(List<FeedbackActions.Done> done, Sentence origin) {
        for (FeedbackActions.Done one : done) {
            Sentence line = one.address().isEmpty() ? one.said() : Sentence.of("feedback.address-line", one.address(), one.said());
            lines.add(origin == null ? line : Sentence.of("feedback.from-message", line, origin));
            if (one.campaignProblem()) {
                campaignProblems.computeIfAbsent(domain(one.address()), d -> new CampaignProblem(one.said())).count++;
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

    void note(Sentence note) {
        if (note != null) {
            lines.add(note);
        }
    }

    /** A message that could not be read: named once, left in the inbox. */
    void unreadable(Sentence which) {
        unreadable.add(which);
    }

    /** Whether every message was read: false when one could not be parsed (it is named in the report). */
    public boolean allRead() {
        return unreadable.isEmpty();
    }

    /** The read stopped: what was applied before stays applied. */
    void failed(Sentence why) {
        failure = why;
    }

    public boolean complete() {
        return failure == null;
    }

    /** Why the read stopped, or null when it did not. */
    public String failure() {
        return failure == null ? null : failure.english();
    }

    public int suppressed() {
        return suppressed;
    }

    /** The lines in English, as the log file says them. */
    public List<String> lines() {
        return lines.stream().map(Sentence::english).toList();
    }

    /** Whether some members were refused because of the sender or the message (a blocklist, DMARC, a filter). */
    public boolean campaignProblems() {
        return !campaignProblems.isEmpty();
    }

    /** What was left alone, by kind as the English words name it. */
    public Map<String, Integer> leftAlone() {
        Words english = TerminalWords.in(Locale.ROOT);
        Map<String, Integer> named = new TreeMap<>();
        leftAlone.forEach((kind, count) -> named.put(english.get("feedback.left." + kind), count));
        return named;
    }

    /** The report in English, as the log file keeps it. */
    public void print(PrintWriter out) {
        print(out, TerminalWords.in(Locale.ROOT));
    }

    /** The report in these words' language. */
    public void print(PrintWriter out, Words words) {
        said().forEach(line -> out.println(line.in(words)));
    }

    /** The report, a sentence a line, for the terminal, the log file or a notice to say in their language. */
    public List<Sentence> said() {
        List<Sentence> said = new ArrayList<>();
        Matcher named = NAMED.matcher(source);
        Sentence title = !named.find() ? Sentence.of("text", source) : Sentence.of(source.startsWith(MAILJET)
                ? "feedback.source.mailjet" : "feedback.source.mailbox", named.group(1));
        said.add(Sentence.of(dryRun ? "feedback.title.dry-run" : "feedback.title", title));
        lines.forEach(line -> said.add(Sentence.of("indented", line)));
        if (dryRun) {
            said.add(Sentence.of("feedback.would-total", wouldApply));
        } else {
            int refusedBySender = campaignProblems.values().stream().mapToInt(p -> p.count).sum();
            said.add(Sentence.of("feedback.total-line", Sentence.of("feedback.total", suppressed, counted),
                    refusedBySender > 0 ? Sentence.of("feedback.total.sender", refusedBySender) : "",
                    Sentence.of("feedback.total.set-aside", setAside),
                    finished > 0 ? Sentence.of("feedback.total.finished", finished) : ""));
        }
        if (!campaignProblems.isEmpty()) {
            said.add(Sentence.of("feedback.campaign-problem"));
            campaignProblems.forEach((domain, problem) -> said.add(Sentence.of("indented",
                    Sentence.of("feedback.campaign-problem.domain", domain, problem.count, problem.example))));
        }
        if (leftAlone.isEmpty() && source.startsWith(MAILJET)) {
            return said;
        }
        if (!unreadable.isEmpty()) {
            said.add(Sentence.of("feedback.unreadable-total", unreadable.size()));
            unreadable.forEach(which -> said.add(Sentence.of("indented", which)));
        }
        if (failure != null) {
            said.add(Sentence.of("feedback.stopped", failure));
        }
        int alone = leftAlone.values().stream().mapToInt(Integer::intValue).sum();
        Sentence kinds = null;
        for (Map.Entry<String, Integer> kind : leftAlone.entrySet()) {
            Sentence one = Sentence.of("words", kind.getValue(), Sentence.of("feedback.left." + kind.getKey()));
            kinds = kinds == null ? one : Sentence.of("comma", kinds, one);
        }
        said.add(Sentence.of("feedback.left-alone-line", Sentence.of("feedback.left-alone", alone),
                kinds == null ? "" : Sentence.of("parenthesized", kinds)));
        return said;
    }

    private static final String MAILJET = "Mailjet";
    /** The profile's name in the source's name: "Mailbox 'mailbox'", "Mailjet (relay 'mailjet')". */
    private static final Pattern NAMED = Pattern.compile("'(.*)'");

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static final class CampaignProblem {
        private final Sentence example;
        private int count;

        CampaignProblem(Sentence example) {
            this.example = example;
        }
    }

    /** The kind of message left alone, as the words name it ({@code feedback.left.KIND}). */
    private static String label(String kind) {
        return switch (kind) {
            case "AUTO_REPLY", "BOUNCE_NOT_OURS", "COMPLAINT_UNNAMED", "COMPLAINT_UNVERIFIED", "UNSUBSCRIBE_NOT_OURS",
                 "CONFIRMATION_LATE", "BOUNCE_MISMATCHED", "UNREADABLE" -> kind;
            default -> "OTHER";
        };
    }
}
