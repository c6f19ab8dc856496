package bulletin.report;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.AuditRow;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.RunRecord;
import bulletin.ledger.SendEvents;
import bulletin.ledger.StatusCounts;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report page in the job's locale: French for the sample, English for the rest, the same numbers in each. */
class ReportPageTest {

    private static final ZoneId NOUMEA = ZoneId.of("Pacific/Noumea");
    private static final Instant START = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void everyWordHasItsFrenchAndItsEnglishForm() throws IOException {
        assertThat(words("report/words_fr.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(words("report/words.properties").keySet());
    }

    @Test
    void anEnglishLocaleGetsAnEnglishPageWithTheSameNumbers() throws IOException {
        String english = render(Locale.UK);
        String french = render(Locale.FRANCE);

        assertThat(english).contains("<html lang=\"en\">").contains("At a glance").contains("Recipients not reached")
                .contains("30 November 2026 at 11:00").contains("from 30 November 2026 at 11:00 to 30 November 2026 at 11:03")
                .contains("The 7 recipients: 4 sent, 1 refused, 1 failed, 1 suppressed.")
                .contains("failed: <q lang=\"en\">cannot connect to relay rec</q>")
                .contains("unsubscribes: <strong>2</strong>")
                .contains("Refused because of the sender").contains("they stay on the list")
                .containsPattern("data-campaign-problem=\"gmail\\.example\">gmail\\.example: <strong>12</strong> — <q>5\\.7\\.26 .*DMARC policy</q>");
        assertThat(french).contains("<html lang=\"fr\">").contains("En bref").contains("Destinataires non atteints")
                .contains("30 novembre 2026 à 11:00")
                .contains("Les 7 destinataires : 4 envoyés, 1 refusé, 1 en échec, 1 exclu.")
                .contains("échouée : <q lang=\"en\">cannot connect to relay rec</q>")
                .contains("désinscriptions : <strong>2</strong>")
                .contains("Refus dus à l&#39;expéditeur").contains("gmail.example : <strong>12</strong>");
        for (DeliveryStatus state : List.of(DeliveryStatus.SENT, DeliveryStatus.REFUSED, DeliveryStatus.FAILED,
                DeliveryStatus.SUPPRESSED)) {
            assertThat(count(english, state)).as(state.name()).isEqualTo(count(french, state)).isPositive();
        }
        // Nothing of the French words is left in the English page.
        Map<String, String> fr = words("report/words_fr.properties");
        Map<String, String> en = words("report/words.properties");
        String text = english.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        fr.forEach((key, value) -> {
            for (String part : value.split("\\{\\d}")) {
                if (part.strip().length() > 3 && !en.get(key).contains(part.strip())) {
                    assertThat(text).as(key).doesNotContain(part.strip());
                }
            }
        });
        assertThat(text).doesNotContain("novembre");
    }

    @Test
    void aLocaleWithoutItsOwnWordsGetsEnglishNotTheMachinesLocale() {
        Locale machine = Locale.getDefault();
        Locale.setDefault(Locale.FRANCE);
        try {
            assertThat(render(Locale.GERMANY)).contains("<html lang=\"en\">").contains("At a glance")
                    .contains("30 November 2026");
        } finally {
            Locale.setDefault(machine);
        }
    }

    @Test
    void triesAgainAndBudgetPausesAreDrawnOnTheTimelineAndListedWithTheRelaysWords() {
        String english = render(Locale.ENGLISH);
        String french = render(Locale.FRENCH);

        // One triangle per try again, one shaded span per pause, each with its words for a pointer and a reader.
        assertThat(count(english, "<polygon ")).isEqualTo(1);
        assertThat(english).contains("<title>11:01: 2 recipients tried again after 2 s</title></polygon>")
                .contains("fill-opacity=\"0.3\"><title>11:02: paused 30 s</title></rect>");
        assertThat(english).contains("on the way: 1 try again (2 recipients), 1 pause for the relay&#39;s budget (30 s).");
        assertThat(french).contains("en chemin : 1 nouvel essai (2 destinataires), 1 pause pour le budget du relais (30 s).");
        // The table under it: when, what, the relay's words or the budget.
        assertThat(english).contains("<tr data-event=\"RETRY\" data-recipients=\"2\"><td>30 November 2026 at 11:01</td>"
                + "<td>2 recipients tried again after 2 s</td><td>452 4.2.2 mailbox full</td></tr>");
        assertThat(english).contains("<tr data-event=\"PAUSE\" data-recipients=\"3\"><td>30 November 2026 at 11:02</td>"
                + "<td>paused 30 s</td><td>5 recipients per hour</td></tr>");

        String smooth = render(Locale.ENGLISH, List.of());
        assertThat(count(smooth, "<polygon ")).isZero();
        assertThat(smooth).doesNotContain("data-event=").doesNotContain("on the way");
    }

    private static long count(String html, String text) {
        return html.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    private static String render(Locale locale) {
        return render(locale, List.of(
                new SendEvents.SendEvent(START.plusSeconds(70), SendEvents.Kind.RETRY, 2, Duration.ofSeconds(2),
                        "452 4.2.2 mailbox full"),
                new SendEvents.SendEvent(START.plusSeconds(130), SendEvents.Kind.PAUSE, 3, Duration.ofSeconds(30),
                        "5 recipients per hour")));
    }

    private static String render(Locale locale, List<SendEvents.SendEvent> events) {
        RunRecord run = new RunRecord(7, "lettre", "2026-11", "jobs/lettre.yaml", "rec", "bureau@amis.example", null,
                "membres@amis.example", 3, START, null, "named in the job file", null);
        StatusCounts counts = new StatusCounts(Map.of(DeliveryStatus.SENT, 4L, DeliveryStatus.REFUSED, 1L,
                DeliveryStatus.FAILED, 1L, DeliveryStatus.SUPPRESSED, 1L));
        List<RunReport.Attempt> attempts = List.of(
                new RunReport.Attempt(1, START, START.plusSeconds(5), "FAILED", "cannot connect to relay rec", "en"),
                new RunReport.Attempt(2, START.plusSeconds(60), START.plusSeconds(180), "COMPLETED", null, null));
        TreeMap<Instant, Integer> perMinute = new TreeMap<>(Map.of(START.plusSeconds(60), 3, START.plusSeconds(120), 3));
        List<AuditRow> problems = List.of(
                new AuditRow("lettre", "2026-11", 2L, 5, "inconnu@amis.example", "Inconnu", DeliveryStatus.REFUSED, null, 2,
                        "<m2>", "550 5.1.1 no such user", "data/a.csv", 6L, START.plusSeconds(120)),
                new AuditRow("lettre", "2026-11", 2L, 6, "pleine@amis.example", null, DeliveryStatus.FAILED, null, 2,
                        "<m2>", "452 4.2.2 mailbox full", "data/a.csv", 7L, START.plusSeconds(120)));
        List<bulletin.ledger.CampaignProblems.Problem> refusedBySender = List.of(new bulletin.ledger.CampaignProblems.Problem(
                "gmail.example", 12, "5.7.26 550 5.7.26 Unauthenticated email from amis.example is not accepted due to"
                + " domain's DMARC policy"));
        RunReport report = new RunReport(run, counts, attempts, perMinute, events, problems, 0, Map.of("UNSUBSCRIBED", 2L),
                refusedBySender, "data/reports/lettre-2026-11-run7-exec2.csv");
        return new ReportPage(NOUMEA, locale).render(report, START.plusSeconds(200));
    }

    private static long count(String html, DeliveryStatus state) {
        Matcher row = Pattern.compile("data-state=\"" + state.name() + "\".*?data-count=\"(\\d+)\"").matcher(html);
        assertThat(row.find()).as(state.name() + " row").isTrue();
        return Long.parseLong(row.group(1));
    }

    private static Map<String, String> words(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ReportPageTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, String> words = new TreeMap<>();
        properties.forEach((key, value) -> words.put((String) key, (String) value));
        return words;
    }
}
