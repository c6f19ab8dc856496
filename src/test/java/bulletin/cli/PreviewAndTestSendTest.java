package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.ScriptedSmtpServer;
import bulletin.support.TestHome;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

/** preview, send --test-to and lists: they show a campaign and touch no run. */
@SpringBootTest
class PreviewAndTestSendTest {

    static final TestHome home = TestHome.create("preview");
    static final ScriptedSmtpServer server = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        TestHome.relay(registry, "rec", server::port);
    }


    @Autowired
    JdbcClient jdbc;

    @Autowired
    CommandLineHarness cli;

    @AfterAll
    static void stop() {
        server.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private long runs() {
        return jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM bulletin_recipient").query(Long.class).single();
    }

    @Test
    void previewWritesTheMessageAndItsHtmlAndSendsNothing() throws Exception {
        home.writeTemplate("letter");
        // The letter's own logo, and what a hostile or careless template may hold: a script, a remote image.
        home.write("templates/letter.html.mustache", "<html><body><h1>{{association}} — {{period}}</h1>"
                + "<img src=\"images/logo.png\" alt=\"logo\"><img src=\"https://tracker.example/p.gif\" alt=\"\">"
                + "<script>alert('x')</script>{{> footer}}</body></html>\n");
        Files.createDirectories(home.path("templates/images"));
        Files.write(home.path("templates/images/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        List<String> members = TestHome.members("pv", 4);
        home.writeRecipients("data/pv.csv", members);
        home.writeJob("pv", "pv", "data/pv.csv", 10, "rec", null);
        long before = runs();
        int sent = server.accepted().size();

        int code = run("preview", "jobs/pv.yml", "--period", "2026-11", "--out", home.path("preview").toString());

        assertThat(code).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).containsPattern("serait envoyée à +4").contains("pv-2026-11.eml").contains("pv-2026-11.html");
        String eml = Files.readString(home.path("preview/pv-2026-11.eml"));
        assertThat(eml).contains("To: undisclosed-recipients:;").contains("List-Unsubscribe:");
        members.forEach(member -> assertThat(eml).doesNotContain(member));
        String page = Files.readString(home.path("preview/pv-2026-11.html"));
        // A page that runs nothing and fetches nothing: the letter in a sandboxed frame, its own logo inline.
        assertThat(page).contains("Les Amis — 2026-11")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                        + " 'unsafe-inline'; img-src data:; frame-src 'self'\">")
                .contains("<iframe sandbox=\"\"").contains("src=&quot;data:image/png;base64,iVBORwEC")
                .doesNotContain("<script").doesNotContain("alert(");
        assertThat(server.accepted()).hasSize(sent);
        assertThat(runs()).isEqualTo(before);
    }

    /**
     * The association's own sample letter, as shipped (templates/ and jobs/monthly.yml): correct
     * French, a layout that shrinks on a phone, a signature separator mail clients recognise
     * ("-- " and a line break), and a Message-ID of its own for each preview.
     */
    @Test
    void theShippedSampleLetterReadsWellAndEachPreviewIsAMessageOfItsOwn() throws Exception {
        try (var shipped = Files.walk(Path.of("templates"))) {
            for (Path file : shipped.filter(Files::isRegularFile).toList()) {
                Path copy = home.path(file.toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        home.write("jobs/sample.yml", Files.readString(Path.of("jobs/monthly.yml")).replace("data/members.csv", "data/sample.csv"));
        home.writeRecipients("data/sample.csv", TestHome.members("sample", 3));

        assertThat(run("preview", "jobs/sample.yml", "--period", "2026-11", "--out", home.path("sample1").toString()))
                .as(cli.err()).isZero();
        assertThat(run("preview", "jobs/sample.yml", "--period", "2026-11", "--out", home.path("sample2").toString()))
                .as(cli.err()).isZero();

        MimeMessage first = message(home.path("sample1/lettre-mensuelle-2026-11.eml"));
        MimeMessage second = message(home.path("sample2/lettre-mensuelle-2026-11.eml"));
        assertThat(first.getMessageID()).isNotEqualTo(second.getMessageID()).endsWith("@amis-du-jardin.example>");
        MimeMultipart alternative = (MimeMultipart) first.getContent();
        String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
        String html = Files.readString(home.path("sample1/lettre-mensuelle-2026-11.html"));
        assertThat(text).contains("\n-- \n").contains("membre de l’association Les Amis du Jardin.")
                .doesNotContain("de Les ");
        assertThat(html).contains("<title>Les Amis du Jardin — la lettre de novembre 2026</title>")
                .contains("membre de l’association Les Amis du Jardin").doesNotContain("de Les ")
                .contains("max-width:600px").doesNotContain("width=&quot;600&quot;");
        // Its logo shows in the preview and in the run's report, inline: neither page fetches anything.
        String logo = "data:image/png;base64," + java.util.Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of("templates/images/logo.png")));
        assertThat(html).contains(logo);
        assertThat(run("send", "jobs/sample.yml", "--period", "2026-11")).as(cli.out()).isZero();
        try (var reports = Files.list(home.path("data/reports"))) {
            Path report = reports.filter(f -> f.getFileName().toString().startsWith("lettre-mensuelle-2026-11")
                    && f.toString().endsWith(".html")).findFirst().orElseThrow();
            assertThat(Files.readString(report)).contains(logo).contains("<h1>La lettre des Amis du Jardin — novembre 2026</h1>");
        }
    }

    private static MimeMessage message(Path eml) throws Exception {
        try (var in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void aTestCopyGoesToTheTestAddressOnlyMarkedAsATest() {
        home.writeTemplate("letter");
        home.writeRecipients("data/tt.csv", TestHome.members("tt", 5));
        home.writeJob("tt", "tt", "data/tt.csv", 10, "rec", null);
        long before = runs();
        int sent = server.accepted().size();

        int code = run("send", "jobs/tt.yml", "--test-to", "Bureau <relecture@amis.example>");

        assertThat(code).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).contains("Exemplaire de test envoyé à").contains("rec: 250");
        assertThat(server.accepted()).hasSize(sent + 1);
        assertThat(server.accepted().get(sent).recipients()).containsExactly("relecture@amis.example");
        assertThat(server.accepted().get(sent).data()).contains("Subject: [TEST] Lettre").contains("To: Bureau <relecture@amis.example>");
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void aOneOffCampaignNeedsNoJobFileAndIsRecordedAsOne() throws Exception {
        home.writeTemplate("letter");
        home.write("data/lists/oneoff.yml", "name: Ponctuel\nnickname: ponctuel\nmembers: [x@amis.example, y@amis.example]\n");
        home.writeRecipients("data/extra.csv", List.of("z@amis.example"));
        int sent = server.accepted().size();

        int code = run("send", "--to", "ponctuel", "data/extra.csv", "--template", "letter", "--subject", "Réunion {{period}}",
                "--from", "Les Amis <bureau@amis.example>", "--relay", "rec", "--name", "reunion", "--period", "2026-11");

        // The template needs {{association}}: nothing sent, and nothing kept — no run, no file.
        assertThat(code).as(cli.err() + cli.out()).isEqualTo(2);
        assertThat(cli.err() + cli.out()).contains("association").contains("rien n'a été envoyé ni gardé");
        assertThat(home.path("data/oneoff/reunion.yml")).doesNotExist();
        assertThat(server.accepted()).hasSize(sent);
        assertThat(run("status")).isZero();
        assertThat(cli.out()).doesNotContain("reunion");

        // "Three addresses, now": bare addresses, a plain list without a header, a list and a file, --var.
        home.write("data/plain.txt", "p@amis.example\nq@amis.example\n");
        code = run("send", "--to", "w@amis.example", "ponctuel", "data/extra.csv", "data/plain.txt", "--template", "letter",
                "--subject", "Réunion {{period}}", "--from", "Les Amis <bureau@amis.example>", "--relay", "rec",
                "--name", "reunion", "--period", "2026-11", "--var", "association=Les Amis du Jardin");

        assertThat(code).as(cli.err() + cli.out()).isEqualTo(0);
        assertThat(cli.out()).containsPattern("SENT +6");
        Map<String, Object> job = new Yaml().load(Files.readString(home.path("data/oneoff/reunion.yml")));
        assertThat(job).containsEntry("name", "reunion").containsEntry("from", "Les Amis <bureau@amis.example>")
                .containsEntry("subject", "Réunion {{period}}").containsEntry("template", "letter")
                .containsEntry("relay", "rec")
                .containsEntry("recipients", List.of(Map.of("list", "ponctuel"), "data/extra.csv", "data/plain.txt",
                        "data/oneoff/reunion.addresses.txt"))
                .containsEntry("variables", Map.of("association", "Les Amis du Jardin"));
        assertThat(server.accepted().subList(sent, server.accepted().size()).stream().flatMap(t -> t.recipients().stream()))
                .containsExactlyInAnyOrder("w@amis.example", "x@amis.example", "y@amis.example", "z@amis.example",
                        "p@amis.example", "q@amis.example");
        assertThat(server.accepted().get(server.accepted().size() - 1).data()).contains("Les Amis du Jardin");
        assertThat(run("send", "--to", "ponctuel")).isEqualTo(2);
        assertThat(cli.err()).contains("il manque --template, --subject, --from"); // bulletin.locale: fr-FR
        assertThat(run("send", "jobs/monthly.yml", "--to", "ponctuel", "--template", "letter", "--subject", "S",
                "--from", "bureau@amis.example")).isEqualTo(2);
        assertThat(cli.err()).contains("un envoi ponctuel (--to …) ne prend pas de fichier de tâche");
        assertThat(run("send", "jobs/monthly.yml", "--dry-run", "--test-to", "relecture@amis.example")).isEqualTo(2);
        assertThat(cli.err()).contains("--dry-run, --test-to=ADDR s'excluent : n'en donnez qu'un");
    }

    @Test
    void listsShowsEachListWithItsMembers() {
        home.write("data/lists/ca.yml", "name: Conseil d'administration\nnickname: ca\ndescription: Les administrateurs\n"
                + "members: [a@amis.example, b@amis.example]\ninclude:\n  - data/pv.csv\n");
        home.writeRecipients("data/pv.csv", List.of("pv@amis.example"));

        assertThat(run("lists")).isEqualTo(0);

        assertThat(cli.out()).contains("ca").contains("Conseil d'administration").contains("2 membres + 1 source(s) incluse(s)")
                .contains("Les administrateurs").doesNotContain("impossible d'y envoyer");
    }

    @Test
    void listsThatIncludeEachOtherOrAMissingFileAreShownAsBroken() {
        home.write("data/lists/a.yml", "name: A\nnickname: a\nmembers: [a@amis.example]\ninclude:\n  - list: b\n");
        home.write("data/lists/b.yml", "name: B\nnickname: b\nmembers: [b@amis.example]\ninclude:\n  - list: a\n");
        home.write("data/lists/c.yml", "name: C\nnickname: c\nmembers: [c@amis.example]\ninclude:\n  - data/gone.csv\n");

        assertThat(run("lists")).isEqualTo(2);

        assertThat(cli.out()).contains("impossible d'y envoyer : ")
                .contains("des listes s'incluent l'une l'autre en boucle : a.yml → b.yml → a.yml")
                .contains("ce fichier de destinataires n'existe pas");
    }
}
