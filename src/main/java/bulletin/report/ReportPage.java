package bulletin.report;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.RunRecord;
import bulletin.ledger.SendEvents;
import bulletin.relay.RoutingSettings;
import bulletin.run.RunLetters;
import bulletin.text.TerminalWords;
import bulletin.text.Words;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The run report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched
 * (a Content-Security-Policy forbids it, down to the newsletter's own images in the preview),
 * readable printed on A4 and on a phone, in the job's locale (see {@link Words}, {@code report/words*.properties}) with dates in the
 * association's time zone.
 */
final class ReportPage {

    private static final Mustache PAGE = new DefaultMustacheFactory("report").compile("run-report.html.mustache");

    /** Each state's colour in the bar, in the table's order. */
    private static final Map<DeliveryStatus, String> COLORS = new LinkedHashMap<>();

    static {
        COLORS.put(DeliveryStatus.SENT, "#2d6a4f");
        COLORS.put(DeliveryStatus.BOUNCED, "#9d4edd");
        COLORS.put(DeliveryStatus.REFUSED, "#c1121f");
        COLORS.put(DeliveryStatus.FAILED, "#f77f00");
        COLORS.put(DeliveryStatus.IN_DOUBT, "#e9c46a");
        COLORS.put(DeliveryStatus.PENDING, "#8d99ae");
        COLORS.put(DeliveryStatus.SENDING, "#adb5bd");
        COLORS.put(DeliveryStatus.SUPPRESSED, "#6c757d");
        COLORS.put(DeliveryStatus.DUPLICATE, "#ced4da");
        COLORS.put(DeliveryStatus.INVALID, "#495057");
    }

    /** The states of the recipients who were not sent to, in the order the page lists them. */
    private static final List<DeliveryStatus> UNREACHED = List.of(DeliveryStatus.INVALID, DeliveryStatus.DUPLICATE,
            DeliveryStatus.SUPPRESSED, DeliveryStatus.REFUSED, DeliveryStatus.FAILED, DeliveryStatus.BOUNCED,
            DeliveryStatus.IN_DOUBT);
    /** The states whose rows carry a remote server's own words, shown as they were written. */
    private static final Set<DeliveryStatus> QUOTED = EnumSet.of(DeliveryStatus.REFUSED, DeliveryStatus.FAILED,
            DeliveryStatus.BOUNCED);
    /** Tries again and pauses the page lists one by one; a run with more shows them all on the timeline. */
    private static final int LISTED_EVENTS = 100;

    private final ZoneId zone;
    private final Words words;
    private final DateTimeFormatter time;
    /** Marks drawn on the timeline so far: their labels alternate between two lines. */
    private int marksDrawn;

    ReportPage(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.words = Words.of("report.words", locale);
        this.time = DateTimeFormatter.ofPattern(words.get("date"), words.locale()).withZone(zone);
    }

    String render(RunReport report, Instant now) {
        RunRecord run = report.run();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("lang", words.locale().getLanguage());
        page.put("t", words.all());
        page.put("header", words.format("header", run.runId()));
        page.put("campaign", run.campaign());
        page.put("period", run.period());
        RunLetters.Example example = report.example();
        String subject = example != null ? example.subject()
                : run.content() == null || run.content().subject() == null ? null : run.content().subject();
        page.put("subject", subject == null ? words.get("not_rendered") : subject);
        page.put("heading", subject == null ? run.campaign() : subject);
        page.put("example", example == null || example.to() == null ? null : words.format("example_for", example.to()));
        page.put("sender", run.sender());
        // Why this relay, as the routing that chose it says it, in the page's language.
        page.put("relay", run.relay() + (run.relayReason() == null ? ""
                : " — " + RoutingSettings.said(run.relayReason()).in(TerminalWords.in(words.locale()))));
        page.put("created", time.format(run.createdAt()));
        page.put("window", window(report));
        page.put("total", report.counts().total());
        page.put("sent", report.counts().get(DeliveryStatus.SENT));
        states(report, page);
        timeline(report, page);
        events(report, page);
        attempts(report, page);
        feedback(report, page);
        problems(report, page);
        if (example != null) {
            page.put("html", example.html() == null ? "" : example.html());
            page.put("text", example.text() == null ? "" : example.text());
        } else {
            page.put("html", run.content() == null || run.content().html() == null ? "" : run.content().html());
            page.put("text", run.content() == null || run.content().text() == null ? "" : run.content().text());
        }
        page.put("next", next(report));
        // The zone as people say it ("heure de la Nouvelle-Calédonie"), not its identifier.
        String zoneName = zone.getDisplayName(TextStyle.FULL, words.locale());
        page.put("zone", zoneName);
        String wholeRun = "bulletin audit " + run.runId() + " --csv " + words.get("audit_file");
        page.put("footer", report.auditFile() != null && report.auditAbove() > 0
                ? words.format("footer_above", report.auditFile(), time.format(now), zoneName, report.auditAbove() + 1, wholeRun)
                : words.format("footer", report.auditFile() == null ? wholeRun : report.auditFile(), time.format(now), zoneName));
        StringWriter out = new StringWriter();
        PAGE.execute(out, page);
        return out.toString();
    }

    private String window(RunReport report) {
        List<RunReport.Attempt> attempts = report.attempts();
        if (attempts.isEmpty()) {
            return words.get("not_started");
        }
        Instant start = attempts.get(0).start();
        Instant end = attempts.get(attempts.size() - 1).end();
        if (start == null) {
            return words.get("not_started");
        }
        String text;
        if (end == null) {
            text = words.format("window_open", time.format(start));
        } else {
            text = words.format("window_closed", time.format(start), time.format(end),
                    length(Duration.between(start, end)));
        }
        return text + words.get("list_separator") + words.count("attempts", attempts.size());
    }

    private void states(RunReport report, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> bar = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        long total = Math.max(1, report.counts().total());
        double x = 0;
        for (var entry : COLORS.entrySet()) {
            long count = report.counts().get(entry.getKey());
            if (count == 0) {
                continue;
            }
            String state = "state_" + entry.getKey().name();
            rows.add(Map.of("name", entry.getKey().name(), "label", words.get(state), "meaning",
                    words.get(state + "_meaning"), "count", count, "color", entry.getValue()));
            double width = 600.0 * count / total;
            bar.add(Map.of("x", format(x), "width", format(width), "color", entry.getValue()));
            x += width;
            counted.add(count + " " + words.get(count > 1 ? state + "_many" : state));
        }
        page.put("states", rows);
        page.put("bar", bar);
        page.put("barText", words.format("bar_text", report.counts().total(),
                String.join(words.get("list_separator"), counted)));
    }

    private void timeline(RunReport report, Map<String, Object> page) {
        var minutes = report.perMinute();
        page.put("hasTimeline", !minutes.isEmpty());
        if (minutes.isEmpty()) {
            return;
        }
        Instant first = minutes.firstKey();
        Instant last = minutes.lastKey().plusSeconds(60);
        for (RunReport.Attempt attempt : report.attempts()) {
            if (attempt.start() != null && attempt.start().isBefore(first)) {
                first = attempt.start();
            }
        }
        for (SendEvents.SendEvent event : report.events()) {
            first = event.at().isBefore(first) ? event.at() : first;
            Instant end = event.at().plus(event.delay());
            last = end.isAfter(last) ? end : last;
        }
        // Ten minutes at least: a short send is a few thin bars, not one block across the page.
        double span = Math.max(600, Duration.between(first, last).toSeconds());
        int highest = minutes.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        List<Map<String, Object>> bars = new ArrayList<>();
        for (var minute : minutes.entrySet()) {
            double x = 600 * Duration.between(first, minute.getKey()).toSeconds() / span;
            double height = 130.0 * minute.getValue() / highest;
            bars.add(Map.of("x", format(x), "y", format(140 - height), "width", format(Math.max(1.5, 600 * 60 / span - 1)),
                    "height", format(height), "label", hour.format(minute.getKey()) + words.get("colon") + minute.getValue()));
        }
        List<Map<String, Object>> marks = new ArrayList<>();
        // Labels alternate between two lines, so that two marks of the same minute stay readable.
        for (int i = 0; i < report.attempts().size(); i++) {
            RunReport.Attempt attempt = report.attempts().get(i);
            if (i > 0 && attempt.start() != null) {
                marks.add(mark(first, span, attempt.start(), words.get("mark_resume"), "#2d6a4f"));
            }
            if (attempt.end() == null && i < report.attempts().size() - 1) {
                // An attempt that never ended, with one after it: the process died. Its last answer marks the moment.
                Instant died = minutes.headMap(report.attempts().get(i + 1).start()).isEmpty() ? attempt.start()
                        : minutes.headMap(report.attempts().get(i + 1).start()).lastKey().plusSeconds(60);
                marks.add(mark(first, span, died, words.get("mark_crash"), "#c1121f"));
            } else if (attempt.end() != null && !"COMPLETED".equals(attempt.status())) {
                marks.add(mark(first, span, attempt.end(), words.get("STOPPED".equals(attempt.status()) ? "mark_pause" : "mark_failure"),
                        "#f77f00"));
            }
        }
        // Tries again as small triangles above the bars, budget pauses as a shaded span: each with its words.
        List<Map<String, Object>> retries = new ArrayList<>();
        List<Map<String, Object>> pauses = new ArrayList<>();
        int retried = 0;
        Duration paused = Duration.ZERO;
        for (SendEvents.SendEvent event : report.events()) {
            double x = 600 * Duration.between(first, event.at()).toMillis() / 1000.0 / span;
            if (event.kind() == SendEvents.Kind.RETRY) {
                retried += event.recipients();
                retries.add(Map.of("points", format(x - 4) + ",0 " + format(x + 4) + ",0 " + format(x) + ",8",
                        "label", hour.format(event.at()) + words.get("colon") + what(event)));
            } else {
                paused = paused.plus(event.delay());
                pauses.add(Map.of("x", format(x), "width", format(Math.max(2, 600 * event.delay().toSeconds() / span)),
                        "label", hour.format(event.at()) + words.get("colon") + what(event)));
            }
        }
        page.put("minutes", bars);
        page.put("marks", marks);
        page.put("retryMarks", retries);
        page.put("pauseSpans", pauses);
        List<String> met = new ArrayList<>();
        if (!retries.isEmpty()) {
            met.add(words.count("timeline_retries", retries.size()) + " (" + words.count("recipients", retried) + ")");
        }
        if (!pauses.isEmpty()) {
            met.add(words.count("timeline_pauses", pauses.size()) + " (" + length(paused) + ")");
        }
        page.put("timelineText", words.format("timeline_text", hour.format(first), hour.format(last), highest)
                + (marks.isEmpty() ? "" : words.format("timeline_marks", String.join(words.get("list_separator"),
                        marks.stream().map(mark -> words.format("mark_at", mark.get("label"), mark.get("at"))).toList())))
                + (met.isEmpty() ? "" : words.format("timeline_met", String.join(words.get("list_separator"), met)))
                + ".");
    }

    /** Each try again and pause of the run, with the relay's words, under the timeline (the first ones). */
    private void events(RunReport report, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SendEvents.SendEvent event : report.events().subList(0, Math.min(LISTED_EVENTS, report.events().size()))) {
            rows.add(Map.of("kind", event.kind().name(), "at", time.format(event.at()), "what", what(event),
                    "recipients", event.recipients(), "words", event.words() == null ? "" : event.words()));
        }
        page.put("hasEvents", !rows.isEmpty());
        page.put("events", rows);
        int more = report.events().size() - rows.size();
        page.put("eventsLeftOut", more > 0 ? words.count("events_left_out", more) : null);
    }

    private String what(SendEvents.SendEvent event) {
        return event.kind() == SendEvents.Kind.RETRY
                ? words.format("event_retry", words.count("recipients", event.recipients()), length(event.delay()))
                : words.format("event_pause", length(event.delay()));
    }

    /** "4 min 2 s", "3 s", "250 ms": a wait as the operator reads it. */
    private static String length(Duration duration) {
        if (duration.toSeconds() == 0) {
            return duration.toMillis() + " ms";
        }
        return (duration.toMinutes() > 0 ? duration.toMinutes() + " min " : "") + duration.toSecondsPart() + " s";
    }

    private Map<String, Object> mark(Instant first, double span, Instant at, String label, String color) {
        return Map.of("x", format(Math.min(560, Math.max(40, 600 * Duration.between(first, at).toSeconds() / span))),
                "y", marksDrawn++ % 2 == 0 ? "154" : "168", "label", label, "color", color,
                "at", DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(at));
    }

    private void attempts(RunReport report, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < report.attempts().size(); i++) {
            RunReport.Attempt attempt = report.attempts().get(i);
            boolean died = attempt.end() == null && i < report.attempts().size() - 1;
            String outcome = died ? words.get("outcome_died") : outcome(attempt);
            // Why it stopped is Bulletin's operator sentence, with the relay's words in it: quoted as written.
            String reason = died || attempt.stopReason() == null || attempt.stopReason().isBlank()
                    || !List.of("STOPPED", "FAILED").contains(String.valueOf(attempt.status())) ? null : attempt.stopReason();
            Map<String, Object> row = new LinkedHashMap<>(Map.of("id", attempt.executionId(), "n", i + 1,
                    "start", attempt.start() == null ? "" : time.format(attempt.start()),
                    "end", attempt.end() == null ? "" : time.format(attempt.end()), "outcome", outcome));
            row.put("reason", reason);
            // A reason said in another language than the page's is marked as such (an older run's English).
            row.put("reasonLang", attempt.language() == null ? "en" : attempt.language());
            rows.add(row);
        }
        page.put("attempts", rows);
    }

    private String outcome(RunReport.Attempt attempt) {
        return switch (attempt.status() == null ? "" : attempt.status()) {
            case "COMPLETED", "ABANDONED", "STOPPED", "FAILED" -> words.get("outcome_" + attempt.status());
            default -> words.get("outcome_running");
        };
    }

    private void feedback(RunReport report, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        report.feedback().forEach((reason, count) -> rows.add(Map.of("reason", reason,
                "label", label(reason), "count", count)));
        page.put("hasFeedback", !rows.isEmpty());
        page.put("feedback", rows);
        List<Map<String, Object>> refused = new ArrayList<>();
        report.campaignProblems().forEach(problem -> refused.add(Map.of("domain", problem.domain(),
                "count", problem.refusals(), "example", problem.example() == null ? "" : problem.example())));
        page.put("hasCampaignProblems", !refused.isEmpty());
        page.put("campaignProblems", refused);
    }

    /** A reason of the suppression list in words; one the words do not know (a newer one) as it is. */
    private String label(String reason) {
        return words.get("feedback_" + reason, reason.toLowerCase(Locale.ROOT));
    }

    /**
     * Every recipient who was not sent to, in the section of their state: its label and count, a
     * sentence in the page's language saying what it means and what to do, then each one by name
     * with where they came from and, for a refusal, a failure or a bounce, the remote server's own
     * words (quoted as they were written). The ledger's reasons are Bulletin's English: the
     * sentence of the state says the same in the page's language.
     */
    private void problems(RunReport report, Map<String, Object> page) {
        Map<DeliveryStatus, List<Map<String, Object>>> byState = new LinkedHashMap<>();
        for (DeliveryStatus state : UNREACHED) {
            byState.put(state, new ArrayList<>());
        }
        for (AuditRow row : report.problems()) {
            List<Map<String, Object>> rows = byState.get(row.status());
            if (rows == null) {
                continue;
            }
            String said = QUOTED.contains(row.status()) && row.relayReply() != null ? row.relayReply() : "";
            rows.add(Map.of("status", row.status().name(), "name", row.displayName() == null ? "" : row.displayName(),
                    "address", row.address(), "where", row.sourceFile() == null ? "" : row.sourceFile()
                            + (row.sourceLine() == null ? "" : ":" + row.sourceLine()), "words", said));
        }
        List<Map<String, Object>> sections = new ArrayList<>();
        byState.forEach((state, rows) -> {
            long count = report.counts().get(state);
            if (count == 0) {
                return;
            }
            String key = "state_" + state.name();
            sections.add(Map.of("state", state.name(), "title", count + " " + words.get(count > 1 ? key + "_many" : key),
                    "sentence", words.format("unreached_" + state.name(), report.run().runId()), "rows", rows,
                    "hasRows", !rows.isEmpty(), "quoted", QUOTED.contains(state)));
        });
        page.put("hasProblems", !sections.isEmpty());
        page.put("unreached", sections);
        page.put("leftOut", report.problemsLeftOut() == 0 ? null : words.format("left_out", report.problemsLeftOut()));
    }

    private List<Map<String, String>> next(RunReport report) {
        long run = report.run().runId();
        List<Map<String, String>> next = new ArrayList<>();
        if (report.counts().get(DeliveryStatus.PENDING) > 0 || report.counts().get(DeliveryStatus.SENDING) > 0) {
            next.add(Map.of("what", words.get("next_restart"), "command", "bulletin restart " + run));
        }
        if (report.counts().get(DeliveryStatus.FAILED) > 0) {
            next.add(Map.of("what", words.get("next_failed"), "command",
                    "bulletin restart " + run + " --resend-failed"));
        }
        if (report.counts().get(DeliveryStatus.IN_DOUBT) > 0) {
            next.add(Map.of("what", words.get("next_in_doubt"), "command",
                    "bulletin restart " + run + " --resend-in-doubt"));
        }
        next.add(Map.of("what", words.get("next_feedback"), "command", "bulletin feedback"));
        next.add(Map.of("what", words.get("next_audit"), "command", "bulletin audit " + run));
        return next;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
