package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import bulletin.support.ScriptedSmtpServer;
import bulletin.support.SmtpServer;
import bulletin.support.TestHome;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Addressing modes, campaign variables and relay headers, through the whole job. */
@SpringBootTest
class MessagesJobTest {

    static final TestHome home = TestHome.create("messages");
    static final SmtpServer smtp = new SmtpServer();
    static final ScriptedSmtpServer mailjet = new ScriptedSmtpServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        TestHome.relay(registry, "greenmail", smtp::port);
        TestHome.relay(registry, "fakejet", mailjet::port);
        registry.add("bulletin.relays.fakejet.provider", () -> "mailjet");
        registry.add("bulletin.max-message-size", () -> "64KB");
    }

    @Autowired
    NewsletterLauncher launcher;

    @BeforeEach
    void start() {
        smtp.stop();
        smtp.start();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        mailjet.close();
    }

    @Test
    void personalMessagesAreToEachRecipientWithTheirColumnsAndTheirOwnUnsubscribeUrl() throws Exception {
        home.write("templates/perso.html.mustache", "<p>Bonjour {{Prénom}},</p><p>Cotisation {{Année}} : {{list.name}}.</p>"
                + "<p><a href=\"{{unsubscribe_url}}\">Se désinscrire</a></p>");
        home.write("data/perso.csv", "Prénom,Email,Année,Id\nAmélie,amelie@amis.example,2026,A1\nBruno,bruno@amis.example,2025,B2\n");
        Path job = home.write("jobs/perso.yml", "name: perso\nfrom: Les Amis <bureau@amis.example>\nsubject: \"{{Prénom}}, votre lettre\"\n"
                + "template: perso\nrecipients: [data/perso.csv]\nrelay: greenmail\nmode: personal\n"
                + "unsubscribe-url: \"https://amis.example/desinscription?id={{Id}}&e={{email_urlencoded}}\"\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(2);
        assertThat(smtp.messageIds()).hasSize(2);
        MimeMessage amelie = received("amelie@amis.example");
        assertThat(amelie.getHeader("To", ",")).contains("<amelie@amis.example>");
        assertThat(amelie.getSubject()).isEqualTo("Amélie, votre lettre");
        assertThat(amelie.getHeader("List-Unsubscribe", ",")).isEqualTo("<mailto:bureau@amis.example?subject=unsubscribe>, "
                + "<https://amis.example/desinscription?id=A1&e=amelie%40amis.example>");
        assertThat(amelie.getHeader("List-Unsubscribe-Post", ",")).isEqualTo("List-Unsubscribe=One-Click");
        String body = new String(amelie.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        MimeMessage bruno = received("bruno@amis.example");
        assertThat(bruno.getSubject()).isEqualTo("Bruno, votre lettre");
        assertThat(SmtpServer.headerLines(bruno)).noneMatch(line -> line.contains("amelie"));
        assertThat(SmtpServer.headerLines(amelie)).noneMatch(line -> line.contains("bruno"));
        assertThat(amelie.getContentType()).startsWith("multipart/alternative");
        assertThat(body).isNotEmpty();
        // The report of a personal run shows its subject and the letter as its first member got it.
        String page = java.nio.file.Files.readString(bulletin.home.Workspace.reportPage(Path.of(result.audit())));
        assertThat(page).contains("<h1>Amélie, votre lettre</h1>").contains("Amélie, votre lettre</p>")
                .contains("voici celle de Amélie &lt;amelie@amis.example&gt;.")
                .contains("Bonjour Amélie,").doesNotContain("(pas encore rendu)");
    }

    /**
     * One personal run over Thunderbird's English and French CSV exports and an LDIF export: the
     * template written against the French export ({{Prénom}}) renders every row, the documented
     * names (first_name) too, and an inverted section is the fallback for a member with no first name.
     */
    @Test
    void personalisationWorksAcrossEnglishAndFrenchExportsAndLdifWithAFallbackSection() throws Exception {
        home.write("templates/mixed.txt.mustache", "{{#Prénom}}Bonjour {{Prénom}} ({{first_name}} {{last_name}}),"
                + "{{/Prénom}}{{^Prénom}}Bonjour,{{/Prénom}}\n{{#nickname}}alias {{Surnom}}{{/nickname}}\n");
        home.write("data/en.csv", "First Name,Last Name,Display Name,Nickname,Primary Email\r\n"
                + "Ann,Lee,Ann Lee,annie,ann@amis.example\r\n"
                + ",,,,nobody@amis.example\r\n");
        home.write("data/fr.csv", "Prénom,Nom de famille,Nom à afficher,Surnom,Adresse électronique principale\r\n"
                + "Amélie,Martin,Amélie Martin,,amelie@amis.example\r\n");
        home.write("data/book.ldif", "dn: cn=Zoé Roy,mail=zoe@amis.example\r\nobjectclass: top\r\nobjectclass: person\r\n"
                + "objectclass: mozillaAbPersonAlpha\r\ngivenName:: Wm/DqQ==\r\nsn: Roy\r\ncn:: Wm/DqSBSb3k=\r\n"
                + "mail: zoe@amis.example\r\n\r\n");
        Path job = home.write("jobs/mixed.yml", "name: mixed\nfrom: Les Amis <bureau@amis.example>\nsubject: \"La lettre\"\n"
                + "template: mixed\nrecipients: [data/en.csv, data/fr.csv, data/book.ldif]\nrelay: greenmail\nmode: personal\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(text(received("ann@amis.example"))).startsWith("Bonjour Ann (Ann Lee),\r\nalias annie");
        assertThat(text(received("amelie@amis.example"))).startsWith("Bonjour Amélie (Amélie Martin),")
                .as("an empty nickname: the section is false").doesNotContain("alias");
        assertThat(text(received("zoe@amis.example"))).startsWith("Bonjour Zoé (Zoé Roy),");
        assertThat(text(received("nobody@amis.example"))).startsWith("Bonjour,\r\n");
    }

    /** A section over a name nobody has is a typo: refused before anything is sent, as a value tag is. */
    @Test
    void aSectionOverANameNoRecipientHasIsRefusedBeforeSending() {
        home.write("templates/typo.txt.mustache", "{{^Prenmo}}Bonjour,{{/Prenmo}}\n");
        home.write("data/typo.csv", "Prénom,Email\nAmélie,amelie@amis.example\n");
        Path job = home.write("jobs/typo.yml", "name: typo\nfrom: bureau@amis.example\nsubject: s\ntemplate: typo\n"
                + "recipients: [data/typo.csv]\nrelay: greenmail\nmode: personal\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.problemIsInput()).isTrue();
        assertThat(result.problem()).contains("the section 'Prenmo' tests a name that no recipient has")
                .contains("check its spelling");
        assertThat(smtp.copies()).isEmpty();
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        return content instanceof String plain ? plain : String.valueOf(((jakarta.mail.Multipart) content).getBodyPart(0)
                .getContent());
    }

    @Test
    void aBccTemplateThatUsesAPerRecipientValueIsRefusedBeforeSendingWithWhatToDo() {
        home.write("templates/leak.html.mustache", "<p>Bonjour {{Prénom}}</p>");
        home.write("data/leak.csv", "Prénom,Email\nAmélie,amelie@amis.example\n");
        Path job = home.write("jobs/leak.yml", "name: leak\nfrom: bureau@amis.example\nsubject: s\ntemplate: leak\n"
                + "recipients: [data/leak.csv]\nrelay: greenmail\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.problemIsInput()).isTrue();
        assertThat(result.problem()).contains("leak.html.mustache line 1").contains("'Prénom' is a per-recipient value")
                .contains("mode: personal");
        assertThat(smtp.copies()).isEmpty();
    }

    @Test
    void campaignVariablesIncludeTheListTheDateAndTheUnsubscribeAddress() throws Exception {
        home.write("templates/vars.txt.mustache", "{{list.name}} / {{list.description}} / {{date}} / {{unsubscribe}} / {{campaign}} {{period}}");
        home.write("data/lists/club.yml", "name: Club photo\nnickname: club\ndescription: Les photographes\n"
                + "members: [\"Zoé <zoe@amis.example>\"]\n");
        Path job = home.write("jobs/vars.yml", "name: vars\nfrom: bureau@amis.example\nsubject: s\ntemplate: vars\n"
                + "recipients:\n  - list: club\nrelay: greenmail\nunsubscribe: quitter@amis.example\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        MimeMessage zoe = received("zoe@amis.example");
        assertThat((String) zoe.getContent()).matches(
                "Club photo / Les photographes / \\d{1,2} [a-zéû]+ 20\\d\\d / quitter@amis\\.example / vars 2026-11\\s*");
        assertThat(zoe.getHeader("List-Id", ",")).isEqualTo("Club photo <club.amis.example>");
        assertThat(zoe.getHeader("List-Unsubscribe", ",")).isEqualTo("<mailto:quitter@amis.example?subject=unsubscribe>");
    }

    @Test
    void aMailjetRelayGetsTheCampaignDeduplicationAndCustomIdHeaders() {
        home.writeTemplate("letter");
        home.writeRecipients("data/mj.csv", TestHome.members("mj", 3));
        Path job = home.writeJob("mj", "Lettre d'été", "data/mj.csv", 2, "fakejet", null);

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        List<ScriptedSmtpServer.Transaction> sent = mailjet.accepted();
        assertThat(sent).hasSize(2);
        for (int i = 0; i < sent.size(); i++) {
            String data = sent.get(i).data();
            assertThat(data).contains("X-Mailjet-Campaign: Lettre d_ete 2026-11\r\n")
                    .contains("X-Mailjet-DeduplicateCampaign: true\r\n")
                    .contains("X-MJ-CustomID: run" + result.runId() + "-message" + (i + 1) + "\r\n");
        }
    }

    @Test
    void aMessageOverTheSizeLimitFailsTheRenderStepWithNothingSent() {
        home.write("templates/big.txt.mustache", "{{blob}}");
        home.writeRecipients("data/big.csv", TestHome.members("big", 2));
        Path job = home.write("jobs/big.yml", "name: big\nfrom: bureau@amis.example\nsubject: s\ntemplate: big\n"
                + "recipients: [data/big.csv]\nrelay: greenmail\nvariables:\n  blob: \"" + "x".repeat(80_000) + "\"\n");

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(result.problem()).contains("over the 64 KB").contains("bulletin.max-message-size");
        assertThat(smtp.copies()).isEmpty();
    }

    private MimeMessage received(String address) {
        List<MimeMessage> messages = smtp.deliveriesTo(address);
        assertThat(messages).as("messages received by " + address).hasSize(1);
        return messages.get(0);
    }
}
