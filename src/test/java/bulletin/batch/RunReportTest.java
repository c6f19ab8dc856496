package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.audience.SuppressionList;
import bulletin.home.Workspace;
import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.SendEvents;
import bulletin.run.RunResult;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The run report of a run with every state, a try again and a resumed attempt: the numbers read
 * back from the page are the ledger's; Chromium draws it (not blank) and it fetches nothing, not even the
 * remote image the newsletter itself points at.
 */
@SpringBootTest
class RunReportTest {

    static final TestHome home = TestHome.create("report");
    static final ScriptedSmtpServer relay = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        TestHome.relay(registry, "rec", relay::port);
        registry.add("bulletin.relays.rec.retry.initial-backoff", () -> "2ms");
        registry.add("bulletin.relays.rec.retry.max-attempts", () -> "2");
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    SuppressionList suppressions;

    @Autowired
    SendEvents events;

    /** The newsletter points at a remote image on this server: the report's preview must not fetch it. */
    static final AtomicInteger fetched = new AtomicInteger();
    static HttpServer images;
    /** The run both tests read: sent once per JVM (the fast layer and the full one each run one of them). */
    static RunResult done;

    @BeforeAll
    static void imageServer() throws IOException {
        images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        images.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        images.start();
    }

    @AfterAll
    static void stopImages() {
        images.stop(0);
    }

    /** A run with every state: a failed attempt, then a resumed one whose second message's answer is lost. */
    private RunResult reportedRun() {
        if (done != null) {
            return done;
        }
        home.writeTemplate("letter");
        home.write("templates/letter.html.mustache", "<html><body><h1>{{association}}</h1><img alt=\"logo\" src=\"http://"
                + "127.0.0.1:" + images.getAddress().getPort() + "/logo.png\"><p>Bonjour.</p>{{> footer}}</body></html>\n");
        List<String> rows = new ArrayList<>(TestHome.members("rapport", 8));
        rows.add("pas-une-adresse");          // INVALID
        rows.add(rows.get(0));                // DUPLICATE
        rows.add("partie@amis.example");      // SUPPRESSED
        rows.add("inconnu@amis.example");     // REFUSED
        rows.add("pleine@amis.example");      // FAILED
        home.writeRecipients("data/rapport.csv", rows);
        suppressions.add("partie@amis.example", SuppressionList.Reason.UNSUBSCRIBED, "par courrier");
        Path job = home.writeJob("rapport", "rapport", "data/rapport.csv", 3, "rec", null);
        relay.answeringRcpt(address -> address.startsWith("inconnu") ? "550 5.1.1 <inconnu@amis.example>: no such user"
                : address.startsWith("pleine") ? "452 4.2.2 mailbox full" : null);

        // Attempt 1: the relay is down at greeting: the run fails with everyone pending.
        relay.greeting("421 4.3.2 service not available");
        RunResult failed = launcher.send(job, YearMonth.of(2026, 11));
        assertThat(failed.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        // Attempt 2 resumes; the answer to its second message is lost: its recipients are in doubt.
        relay.greeting("220 back");
        relay.droppingBeforeAnsweringDataOfMessage(2);
        RunResult resumed = launcher.send(job, YearMonth.of(2026, 11));
        assertThat(resumed.outcome()).as(resumed.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(resumed.audit()).isNotNull();
        done = resumed;
        return done;
    }

    @Test
    void aRunWithEveryStateAndAResumedAttemptIsReportedWithTheLedgersNumbers() throws Exception {
        RunResult done = reportedRun();
        Path page = Workspace.reportPage(Path.of(done.audit()));
        String html = Files.readString(page, StandardCharsets.UTF_8);
        for (DeliveryStatus state : DeliveryStatus.values()) {
            long expected = done.counts().get(state);
            if (expected > 0) {
                assertThat(count(html, state)).as(state.name()).isEqualTo(expected);
            }
        }
        for (DeliveryStatus state : List.of(DeliveryStatus.SENT, DeliveryStatus.REFUSED, DeliveryStatus.FAILED,
                DeliveryStatus.IN_DOUBT, DeliveryStatus.INVALID, DeliveryStatus.DUPLICATE, DeliveryStatus.SUPPRESSED)) {
            assertThat(done.counts().get(state)).as(state + " in this run").isPositive();
        }
        assertThat(html).contains("data-total=\"" + done.counts().total() + "\"");
        // Both attempts, the first one failed, and the unreached recipients with the relay's words.
        assertThat(html.split("data-attempt=").length - 1).isEqualTo(2);
        // Why the first attempt failed, in the page's language: the attempt said it in bulletin.locale's words.
        assertThat(html).contains("échouée : <q lang=\"fr\">impossible de se connecter au relais rec").contains("reprise");
        assertThat(html).contains("inconnu@amis.example").contains("550 5.1.1")
                .contains("pleine@amis.example").contains("452 4.2.2")
                .contains("data-problem=\"IN_DOUBT\"");
        // Everyone not sent to is named, in the section of their state, with a sentence in the page's language.
        assertThat(html.split("data-problem=").length - 1).isEqualTo(done.counts().get(DeliveryStatus.REFUSED)
                + done.counts().get(DeliveryStatus.FAILED) + done.counts().get(DeliveryStatus.IN_DOUBT)
                + done.counts().get(DeliveryStatus.INVALID) + done.counts().get(DeliveryStatus.DUPLICATE)
                + done.counts().get(DeliveryStatus.SUPPRESSED));
        for (String state : List.of("INVALID", "DUPLICATE", "SUPPRESSED", "REFUSED", "FAILED", "IN_DOUBT")) {
            assertThat(html).contains("<section data-unreached=\"" + state + "\">");
        }
        assertThat(html).contains("pas-une-adresse").contains("partie@amis.example").contains("data/rapport.csv:10")
                .contains("probablement reçus").contains("La lettre leur a très probablement été remise")
                .doesNotContain("Tous les destinataires ont reçu la lettre");
        // The heading is the subject, the campaign beside it; attempts numbered within the run; the zone in words.
        assertThat(html).contains("<h1>Lettre 2026-11</h1>").contains("rapport — <span class=\"nowrap\">2026-11</span>")
                .containsPattern("<tr data-attempt=\"\\d+\"><td>1</td>").containsPattern("<tr data-attempt=\"\\d+\"><td>2</td>")
                .contains("heure de la Nouvelle-Calédonie").doesNotContain("Pacific/Noumea")
                .contains("choisi dans le fichier de tâche").doesNotContain("named in the job file");
        // One count per state on the whole page: the summary's "sent" is the bar's.
        assertThat(html).contains("<span data-sent=\"" + done.counts().get(DeliveryStatus.SENT) + "\">");
        // No word of the English page on this French one (the relay's and the server's own words aside).
        // What a reader sees: no style sheet, comment, markup, nor the letter's own frame.
        // A reason recorded in English (a run older than the terminal's words) is quoted as written, lang="en".
        String text = html.replaceAll("(?s)<iframe.*?</iframe>|<style>.*?</style>|<!--.*?-->|<q lang=\"en\">.*?</q>", " ").replaceAll("<[^>]*>", " ")
                .replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        Properties english = new Properties();
        Properties french = new Properties();
        try (var en = getClass().getResourceAsStream("/report/words.properties");
             var fr = getClass().getResourceAsStream("/report/words_fr.properties")) {
            english.load(new java.io.InputStreamReader(en, StandardCharsets.UTF_8));
            french.load(new java.io.InputStreamReader(fr, StandardCharsets.UTF_8));
        }
        english.forEach((key, value) -> {
            for (String part : value.toString().split("\\{\\d}")) {
                String words = part.strip();
                if (words.length() > 3 && !french.getProperty(key.toString()).contains(words)) {
                    assertThat(text).as("English words of '%s' on the French page", key)
                            .doesNotContainPattern("(?<![\\p{L}-])" + Pattern.quote(words) + "(?![\\p{L}])"); // not an option's name
                }
            }
        });
        // The full mailbox was tried again once before it was given up: the ledger keeps the try, the page shows it.
        assertThat(events.ofRun(done.runId())).singleElement().satisfies(retry -> {
            assertThat(retry.kind()).isEqualTo(SendEvents.Kind.RETRY);
            assertThat(retry.recipients()).isEqualTo(1);
            assertThat(retry.words()).startsWith("452 4.2.2 mailbox full");
        });
        assertThat(html).contains("<tr data-event=\"RETRY\" data-recipients=\"1\">").contains("<polygon ")
                .contains("1 nouvel essai (1 destinataire)");
        assertThat(html).contains("bulletin restart " + done.runId() + " --resend-failed")
                .contains("bulletin restart " + done.runId() + " --resend-in-doubt");
        // Self-contained: no script, nothing to fetch but the newsletter's own image, which the policy forbids.
        assertThat(html).doesNotContain("<script").contains("Content-Security-Policy").contains("default-src 'none'");
    }

    /** The full layer: Chromium draws the page (not blank), and the page fetched nothing while it did. */
    @Test
    @Tag("chromium")
    void chromiumDrawsTheReportAndItFetchesNothing() throws Exception {
        Path page = Workspace.reportPage(Path.of(reportedRun().audit()));
        Path shot = home.path("report.png");
        render(page, shot, "--window-size=1000,2000", "--screenshot=" + shot);
        assertNotBlank(shot);
        // On a phone: drawn at 400 px wide, nothing cut (the screenshot is the page's width, text wraps).
        Path phone = home.path("report-phone.png");
        render(page, phone, "--window-size=400,3000", "--screenshot=" + phone);
        assertNotBlank(phone);
        assertThat(ImageIO.read(phone.toFile()).getWidth()).isEqualTo(400);
        // Printed on A4: the summary and tables, then the letter's HTML on a page of its own.
        Path pdf = home.path("report.pdf");
        render(page, pdf, "--no-pdf-header-footer", "--print-to-pdf=" + pdf);
        String printed = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(printed).startsWith("%PDF");
        assertThat(Pattern.compile("/Type\\s*/Page(?!s)").matcher(printed).results().count()).as("A4 pages")
                .isGreaterThanOrEqualTo(2);
        // A4 is 595 × 842 points (Chromium writes 594.96 or 594.95996 as its version pleases).
        Matcher box = Pattern.compile("/MediaBox \\[0 0 ([\\d.]+) ([\\d.]+)\\]").matcher(printed);
        assertThat(box.find()).as("a page size").isTrue();
        assertThat(Double.parseDouble(box.group(1))).isCloseTo(595, org.assertj.core.data.Offset.offset(1.0));
        assertThat(Double.parseDouble(box.group(2))).isCloseTo(842, org.assertj.core.data.Offset.offset(1.0));
        assertThat(fetched.get()).as("requests the page made").isZero();
    }

    private static long count(String html, DeliveryStatus state) {
        Matcher row = Pattern.compile("data-state=\"" + state.name() + "\".*?data-count=\"(\\d+)\"").matcher(html);
        assertThat(row.find()).as(state.name() + " row").isTrue();
        return Long.parseLong(row.group(1));
    }

    /** Debian's chromium, headless, as the board would open the file; bin/test-suite installs it. */
    private static void render(Path page, Path out, String... what) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assertThat(chromium).as("chromium is needed to draw the report: bin/test-suite installs Debian's").isExecutable();
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=3000"));
        command.addAll(List.of(what));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(home.path("chromium.log").toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(home.path("chromium.log"))).isZero();
        assertThat(out).as("what chromium wrote").isNotEmptyFile();
    }

    /** A drawn page: mostly background, with enough other pixels (text, the bar, the tables). */
    private static void assertNotBlank(Path shot) throws Exception {
        BufferedImage image = ImageIO.read(new File(shot.toString()));
        assertThat(image).isNotNull();
        int background = image.getRGB(0, 0);
        long other = 0;
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.merge(rgb, 1, Integer::sum);
                if (rgb != background) {
                    other++;
                }
            }
        }
        assertThat(other).as("pixels drawn").isGreaterThan(20_000);
        assertThat(colours).as("colours").hasSizeGreaterThan(20);
    }
}
