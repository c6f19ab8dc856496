package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's own corpus of what comes back after a send ({@code src/test/resources/feedback/corpus}),
 * one folder per class (`.mail` files: `.eml` is what the outbox writes, and is ignored), each message written from the public description of the format its server
 * writes: Postfix, Gmail, AOL (a report without report-type), Microsoft (a report with no status
 * part), Sendmail, Exchange 2003, Yahoo, OpenSMTPD, GMX, iMail, Lotus Notes, a filter's notice; delays,
 * full and disabled mailboxes; blocklists, DMARC, rate limits, filters; automatic replies and other mail.
 * Counted per class as the feedback loop decides: every dead address is suppressed, nothing else is.
 */
class BounceCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/feedback/corpus");

    /** What the feedback loop does with one message: the addresses it suppresses at once, and what it counts. */
    private record Decided(Path file, List<String> suppressed, List<String> counted, List<String> senderSide,
                           boolean bounce) {
    }

    private static Decided decide(Path file) throws Exception {
        MimeMessage message;
        try (InputStream in = Files.newInputStream(file)) {
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
            message = new MimeMessage(Session.getInstance(new Properties()),
                    new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        }
        Optional<BounceReader.Report> report = BounceReader.read(message);
        List<String> suppressed = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        List<String> senderSide = new ArrayList<>();
        for (Bounce bounce : report.map(BounceReader.Report::failures).orElse(List.of())) {
            // Only the addresses Bulletin mailed are acted on: here, those on the corpus's member domains.
            String address = bounce.names().stream().filter(BounceCorpusTest::member).findFirst().orElse(null);
            if (address == null) {
                continue;
            }
            switch (FailureClass.of(bounce.status(), bounce.words(), bounce.permanent())) {
                case ADDRESS_DEAD -> suppressed.add(address);
                case MEMBER_TEMPORARY -> counted.add(address);
                case SENDER_SIDE -> senderSide.add(address);
            }
        }
        return new Decided(file, suppressed, counted, senderSide, report.isPresent());
    }

    /** The corpus's members: every address but the association's, the mail systems' and a forwarding target's. */
    static boolean member(String address) {
        return !address.endsWith("@amis.example") && !address.endsWith("@elsewhere.example")
                && !address.startsWith("postmaster@") && !address.startsWith("mailer-daemon@");
    }

    private static List<Decided> decideAll(String folder) throws Exception {
        List<Decided> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS.resolve(folder))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".mail")).sorted().toList()) {
                all.add(decide(file));
            }
        }
        assertThat(all).as(folder).isNotEmpty();
        return all;
    }

    @Test
    void everyDeadAddressIsSuppressedWhateverTheFormatItsServerWrites() throws Exception {
        List<Decided> dead = decideAll("dead");

        assertThat(dead).allSatisfy(decided -> {
            assertThat(decided.suppressed()).as(decided.file().getFileName() + ": suppressed").hasSize(1);
            assertThat(decided.suppressed().get(0)).as(decided.file().getFileName().toString()).startsWith("dead.");
        });
    }

    @Test
    void aFullDisabledOrSlowMailboxIsCountedNeverSuppressedByOneRun() throws Exception {
        assertThat(decideAll("member")).allSatisfy(decided -> {
            assertThat(decided.suppressed()).as(decided.file().getFileName().toString()).isEmpty();
            assertThat(decided.counted()).as(decided.file().getFileName() + ": counted").hasSize(1);
        });
    }

    @Test
    void theSendersProblemsSuppressNobodyAndAreToldAsTheCampaigns() throws Exception {
        assertThat(decideAll("sender")).allSatisfy(decided -> {
            assertThat(decided.suppressed()).as(decided.file().getFileName().toString()).isEmpty();
            assertThat(decided.counted()).as(decided.file().getFileName().toString()).isEmpty();
            assertThat(decided.senderSide()).as(decided.file().getFileName() + ": the campaign's problem").hasSize(1);
        });
    }

    @Test
    void automaticRepliesAndOtherMailAreNeverActedOn() throws Exception {
        List<Decided> untouched = new ArrayList<>(decideAll("auto"));
        untouched.addAll(decideAll("other"));

        assertThat(untouched).allSatisfy(decided -> {
            assertThat(decided.bounce()).as(decided.file().getFileName() + " read as a bounce").isFalse();
            assertThat(decided.suppressed()).as(decided.file().getFileName().toString()).isEmpty();
        });
    }
}
