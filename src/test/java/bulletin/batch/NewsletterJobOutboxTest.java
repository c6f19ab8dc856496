package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.DeliveryStatus;
import bulletin.run.RunResult;
import bulletin.support.TestHome;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded default: the outbox relay writes each message with its envelope beside it. */
@SpringBootTest
class NewsletterJobOutboxTest {

    static final TestHome home = TestHome.create("outbox");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
    }

    @Autowired
    NewsletterLauncher launcher;

    @Test
    void writesThreeMessagesWithTheirEnvelopesForTwentyFiveRecipients() throws Exception {
        home.writeTemplate("letter");
        List<String> members = TestHome.members("member", 25);
        home.writeRecipients("data/members.csv", members);
        Path job = home.writeJob("monthly", "monthly", "data/members.csv", 10, "outbox", null);

        RunResult result = launcher.send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.counts().get(DeliveryStatus.SENT)).isEqualTo(25);
        Path outbox = home.path("data/outbox/monthly/2026-11");
        List<Path> messages = list(outbox, ".eml");
        List<Path> envelopes = list(outbox, ".envelope");
        assertThat(messages).hasSize(3);
        assertThat(envelopes).hasSize(3);
        assertThat(list(outbox, ".tmp")).isEmpty();

        List<String> envelopeRecipients = new ArrayList<>();
        for (Path envelope : envelopes) {
            List<String> lines = Files.readAllLines(envelope);
            assertThat(lines.get(0)).isEqualTo("MAIL FROM:<bureau@amis.example>");
            lines.stream().skip(1).forEach(line -> {
                assertThat(line).startsWith("RCPT TO:<").endsWith(">");
                envelopeRecipients.add(line.substring("RCPT TO:<".length(), line.length() - 1));
            });
            assertThat(Files.exists(Path.of(envelope.toString().replace(".envelope", ".eml")))).isTrue();
        }
        assertThat(envelopeRecipients).containsExactlyInAnyOrderElementsOf(members);

        for (Path eml : messages) {
            String raw = Files.readString(eml);
            members.forEach(member -> assertThat(raw).doesNotContain(member));
            MimeMessage message;
            try (InputStream in = Files.newInputStream(eml)) {
                message = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getHeader("To", ",")).isEqualTo("undisclosed-recipients:;");
            assertThat(message.getSubject()).isEqualTo("Lettre 2026-11");
            assertThat(Collections.list(message.getAllHeaderLines())).isNotEmpty();
        }
        assertThat(result.audit()).isNotNull();
        assertThat(Files.readAllLines(Path.of(result.audit()))).hasSize(26);
    }

    private static List<Path> list(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
