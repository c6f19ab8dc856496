package bulletin.report;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.RunRecord;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched
 * (a Content-Security-Policy forbids it, down to the newsletter's own images in the preview),
 * readable printed on A4 and on a phone, in French with dates in the association's time zone.
 */
final class ReportPage {

    private static final Mustache PAGE = new DefaultMustacheFactory("report").compile("run-report.html.mustache");

    /** Each state: its words, what it means, its colour in the bar. */
    private record State(String label, String meaning, String color) {
    }

    private static final Map<DeliveryStatus, State> STATES = new LinkedHashMap<>();

    static {
        STATES.put(DeliveryStatus.SENT, new State("envoyé", "accepté par le relais", "#2d6a4f"));
        STATES.put(DeliveryStatus.BOUNCED, new State("revenu en erreur", "parti, puis revenu (adresse qui n'existe plus)", "#9d4edd"));
        STATES.put(DeliveryStatus.REFUSED, new State("refusé", "refusé pour de bon par le relais", "#c1121f"));
        STATES.put(DeliveryStatus.FAILED, new State("en échec", "pas parti : à renvoyer", "#f77f00"));
        STATES.put(DeliveryStatus.IN_DOUBT, new State("incertain", "le relais l'a peut-être pris ; jamais renvoyé sans qu'on le demande", "#e9c46a"));
        STATES.put(DeliveryStatus.PENDING, new State("en attente", "pas encore envoyé", "#8d99ae"));
        STATES.put(DeliveryStatus.SENDING, new State("en cours", "confié au relais, réponse attendue", "#adb5bd"));
        STATES.put(DeliveryStatus.SUPPRESSED, new State("exclu", "sur la liste d'exclusion (désinscrit, rejet, plainte)", "#6c757d"));
        STATES.put(DeliveryStatus.DUPLICATE, new State("doublon", "adresse déjà lue plus haut", "#ced4da"));
        STATES.put(DeliveryStatus.INVALID, new State("invalide", "pas une adresse utilisable", "#495057"));
    }

    private static final Map<String, String> FEEDBACK = Map.of("BOUNCED", "adresses qui n'existent plus",
            "UNSUBSCRIBED", "désinscriptions", "COMPLAINED", "plaintes (courrier indésirable)",
            "BLOCKED", "adresses bloquées par le relais", "MANUAL", "exclusions à la main");

    private final ZoneId zone;
    private final Locale locale;
    private final DateTimeFormatter time;
    /** Marks drawn on the timeline so far: their labels alternate between two lines. */
    private int marksDrawn;

    ReportPage(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.locale = locale;
        this.time = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm", Locale.FRENCH).withZone(zone);
    }

    String render(RunReport report, Instant now) {
        RunRecord run = report.run();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("lang", locale.getLanguage().isEmpty() ? "fr" : locale.getLanguage());
        page.put("run", run.runId());
        page.put("campaign", run.campaign());
        page.put("period", run.period());
        page.put("subject", run.content() == null ? "(pas encore rendu)" : run.content().subject());
        page.put("sender", run.sender());
        page.put("relay", run.relay() + (run.relayReason() == null ? "" : " — " + run.relayReason()));
        page.put("created", time.format(run.createdAt()));
        page.put("window", window(report));
        page.put("total", report.counts().total());
        page.put("reached", report.counts().get(DeliveryStatus.SENT) + report.counts().get(DeliveryStatus.BOUNCED));
        states(report, page);
        timeline(report, page);
        attempts(report, page);
        feedback(report, page);
        problems(report, page);
        page.put("html", run.content() == null || run.content().html() == null ? "" : run.content().html());
        page.put("text", run.content() == null ? "" : run.content().text());
        page.put("next", next(report));
        page.put("audit", report.auditFile() == null ? "bulletin audit " + run.runId() + " --csv FICHIER" : report.auditFile());
        page.put("now", time.format(now));
        page.put("zone", zone.getId());
        StringWriter out = new StringWriter();
        PAGE.execute(out, page);
        return out.toString();
    }

    private String window(RunReport report) {
        List<RunReport.Attempt> attempts = report.attempts();
        if (attempts.isEmpty()) {
            return "pas encore lancée";
        }
        Instant start = attempts.get(0).start();
        Instant end = attempts.get(attempts.size() - 1).end();
        if (start == null) {
            return "pas encore lancée";
        }
        String text = "du " + time.format(start) + (end == null ? ", pas terminée" : " au " + time.format(end));
        if (end != null) {
            Duration length = Duration.between(start, end);
            text += " (" + (length.toMinutes() > 0 ? length.toMinutes() + " min " : "") + length.toSecondsPart() + " s)";
        }
        return text + ", " + attempts.size() + (attempts.size() == 1 ? " tentative" : " tentatives");
    }

    private void states(RunReport report, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> bar = new ArrayList<>();
        List<String> words = new ArrayList<>();
        long total = Math.max(1, report.counts().total());
        double x = 0;
        for (var entry : STATES.entrySet()) {
            long count = report.counts().get(entry.getKey());
            if (count == 0) {
                continue;
            }
            State state = entry.getValue();
            rows.add(Map.of("name", entry.getKey().name(), "label", state.label(), "meaning", state.meaning(),
                    "count", count, "color", state.color()));
            double width = 600.0 * count / total;
            bar.add(Map.of("x", format(x), "width", format(width), "color", state.color()));
            x += width;
            words.add(count + " " + state.label() + (count > 1 && !state.label().endsWith("s") ? "s" : ""));
        }
        page.put("states", rows);
        page.put("bar", bar);
        page.put("barText", "Les " + report.counts().total() + " destinataires : " + String.join(", ", words) + ".");
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
        // Ten minutes at least: a short send is a few thin bars, not one block across the page.
        double span = Math.max(600, Duration.between(first, last).toSeconds());
        int highest = minutes.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        List<Map<String, Object>> bars = new ArrayList<>();
        for (var minute : minutes.entrySet()) {
            double x = 600 * Duration.between(first, minute.getKey()).toSeconds() / span;
            double height = 130.0 * minute.getValue() / highest;
            bars.add(Map.of("x", format(x), "y", format(140 - height), "width", format(Math.max(1.5, 600 * 60 / span - 1)),
                    "height", format(height), "label", hour.format(minute.getKey()) + " : " + minute.getValue()));
        }
        List<Map<String, Object>> marks = new ArrayList<>();
        // Labels alternate between two lines, so that two marks of the same minute stay readable.
        for (int i = 0; i < report.attempts().size(); i++) {
            RunReport.Attempt attempt = report.attempts().get(i);
            if (i > 0 && attempt.start() != null) {
                marks.add(mark(first, span, attempt.start(), "reprise", "#2d6a4f"));
            }
            if (attempt.end() == null && i < report.attempts().size() - 1) {
                // An attempt that never ended, with one after it: the process died. Its last answer marks the moment.
                Instant died = minutes.headMap(report.attempts().get(i + 1).start()).isEmpty() ? attempt.start()
                        : minutes.headMap(report.attempts().get(i + 1).start()).lastKey().plusSeconds(60);
                marks.add(mark(first, span, died, "arrêt brutal", "#c1121f"));
            } else if (attempt.end() != null && !"COMPLETED".equals(attempt.status())) {
                marks.add(mark(first, span, attempt.end(), "STOPPED".equals(attempt.status()) ? "pause" : "échec",
                        "#f77f00"));
            }
        }
        page.put("minutes", bars);
        page.put("marks", marks);
        page.put("timelineText", "Destinataires traités par minute, de " + hour.format(first) + " à " + hour.format(last)
                + " ; au plus " + highest + " par minute" + (marks.isEmpty() ? "." : "; repères : "
                + String.join(", ", marks.stream().map(mark -> mark.get("label") + " à " + mark.get("at")).toList()) + "."));
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
            String outcome = died ? "arrêtée brutalement (processus tué, panne) ; reprise par la tentative suivante"
                    : outcome(attempt);
            rows.add(Map.of("id", attempt.executionId(), "start", attempt.start() == null ? "" : time.format(attempt.start()),
                    "end", attempt.end() == null ? "" : time.format(attempt.end()), "outcome", outcome));
        }
        page.put("attempts", rows);
    }

    private static String outcome(RunReport.Attempt attempt) {
        String reason = attempt.stopReason() == null || attempt.stopReason().isBlank() ? "" : " : " + attempt.stopReason();
        return switch (attempt.status() == null ? "" : attempt.status()) {
            case "COMPLETED" -> "terminée";
            case "STOPPED" -> "arrêtée" + reason;
            case "FAILED" -> "échouée" + reason;
            case "ABANDONED" -> "abandonnée";
            default -> "en cours";
        };
    }

    private void feedback(RunReport report, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        report.feedback().forEach((reason, count) -> rows.add(Map.of("reason", reason,
                "label", FEEDBACK.getOrDefault(reason, reason.toLowerCase(Locale.ROOT)), "count", count)));
        page.put("hasFeedback", !rows.isEmpty());
        page.put("feedback", rows);
    }

    private void problems(RunReport report, Map<String, Object> page) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuditRow row : report.problems()) {
            String words = row.relayReply() != null ? row.relayReply() : row.reason() != null ? row.reason() : "";
            rows.add(Map.of("status", row.status().name(), "label", STATES.get(row.status()).label(),
                    "name", row.displayName() == null ? "" : row.displayName(), "address", row.address(), "words", words));
        }
        page.put("hasProblems", !rows.isEmpty());
        page.put("problems", rows);
        page.put("leftOut", report.problemsLeftOut() == 0 ? null : report.problemsLeftOut());
    }

    private static List<Map<String, String>> next(RunReport report) {
        long run = report.run().runId();
        List<Map<String, String>> next = new ArrayList<>();
        if (report.counts().get(DeliveryStatus.PENDING) > 0 || report.counts().get(DeliveryStatus.SENDING) > 0) {
            next.add(Map.of("what", "reprendre l'envoi là où il s'est arrêté", "command", "bulletin restart " + run));
        }
        if (report.counts().get(DeliveryStatus.FAILED) > 0) {
            next.add(Map.of("what", "renvoyer aux destinataires en échec", "command",
                    "bulletin restart " + run + " --resend-failed"));
        }
        if (report.counts().get(DeliveryStatus.IN_DOUBT) > 0) {
            next.add(Map.of("what", "renvoyer aux incertains (ils pourraient le recevoir deux fois)", "command",
                    "bulletin restart " + run + " --resend-in-doubt"));
        }
        next.add(Map.of("what", "lire les retours (rejets, désinscriptions) dans la boîte", "command", "bulletin feedback"));
        next.add(Map.of("what", "voir chaque destinataire", "command", "bulletin audit " + run));
        return next;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
