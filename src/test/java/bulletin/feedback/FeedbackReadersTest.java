package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fast layer's specification of the three readers of the feedback loop, without Spring or a
 * mailbox: each message is written as the server or mail program in question writes it (their
 * public formats), parsed by Jakarta Mail as the loop receives it.
 */
class FeedbackReadersTest {

    private static final String MID = "<1.2.3.abcdef@amis.example>";

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Postfix's DSN (RFC 3464): a human part, the delivery-status part and the original's headers. */
    private static String postfixDsn(String action, String status, String diagnostic) {
        return """
                Return-Path: <>
                From: MAIL-DAEMON@mx.amis.example (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                To: bureau@amis.example
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                --B1
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.amis.example.
                I'm sorry to have to inform you that your message could not be delivered.

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.amis.example
                Arrival-Date: Tue,  3 Nov 2026 08:00:00 +1100 (NCT)

                Final-Recipient: rfc822; parti@amis.example
                Original-Recipient: rfc822;parti@amis.example
                Action: %s
                Status: %s
                Diagnostic-Code: smtp; %s

                --B1
                Content-Type: text/rfc822-headers

                From: bureau@amis.example
                Subject: La lettre
                Message-ID: %s

                --B1--
                """.formatted(action, status, diagnostic, MID);
    }

    @Test
    void aDeliveryStatusNotificationGivesTheAddressItsStatusTheServersWordsAndTheBouncedMessage() throws Exception {
        var report = BounceReader.read(parse(postfixDsn("failed", "5.1.1",
                "550 5.1.1 <parti@amis.example>: Recipient address rejected: User unknown"))).orElseThrow();

        assertThat(report.format()).isEqualTo("delivery status notification");
        assertThat(report.failures()).singleElement().satisfies(bounce -> {
            assertThat(bounce.address()).isEqualTo("parti@amis.example");
            assertThat(bounce.status()).isEqualTo("5.1.1");
            assertThat(bounce.permanent()).isTrue();
            assertThat(bounce.words()).isEqualTo("550 5.1.1 <parti@amis.example>: Recipient address rejected: User unknown");
        });
    }

    @Test
    void aDelayIsTemporaryAndADeliveredNoticeIsNoBounce() throws Exception {
        var delayed = BounceReader.read(parse(postfixDsn("delayed", "4.4.1", "connect to mx: Connection timed out")))
                .orElseThrow();
        assertThat(delayed.failures()).singleElement().satisfies(bounce -> {
            assertThat(bounce.permanent()).isFalse();
            assertThat(bounce.status()).isEqualTo("4.4.1");
        });
        assertThat(BounceReader.read(parse(postfixDsn("delivered", "2.0.0", "250 2.0.0 Ok")))).isEmpty();
    }

    @Test
    void eximsFailedRecipientsHeaderNamesTheAddressAndTheReplyNextToIt() throws Exception {
        var report = BounceReader.read(parse("""
                Return-Path: <>
                From: Mail Delivery System <Mailer-Daemon@mx.amis.example>
                To: bureau@amis.example
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: ancien@amis.example
                Auto-Submitted: auto-replied

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  ancien@amis.example
                    host mx2.amis.example [192.0.2.7]
                    SMTP error from remote mail server after RCPT TO:<ancien@amis.example>:
                    550 5.1.1 User unknown

                ------ This is a copy of the message, including all the headers. ------

                Message-ID: %s
                Subject: La lettre
                """.formatted(MID))).orElseThrow();

        assertThat(report.format()).isEqualTo("Exim (X-Failed-Recipients)");
        assertThat(report.failures()).singleElement().satisfies(bounce -> {
            assertThat(bounce.address()).isEqualTo("ancien@amis.example");
            assertThat(bounce.status()).isEqualTo("5.1.1");
            assertThat(bounce.permanent()).isTrue();
        });
    }

    @Test
    void qmailsBounceListsEachAddressWithItsReason() throws Exception {
        var report = BounceReader.read(parse("""
                Return-Path: <>
                From: MAILER-DAEMON@qmail.amis.example
                To: bureau@amis.example
                Subject: failure notice

                Hi. This is the qmail-send program at qmail.amis.example.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <un@amis.example>:
                192.0.2.9 does not like recipient.
                Remote host said: 550 5.1.1 <un@amis.example>... User unknown

                <deux@amis.example>:
                Sorry, no mailbox here by that name. (#5.1.1)

                --- Below this line is a copy of the message.

                Message-ID: %s
                """.formatted(MID))).orElseThrow();

        assertThat(report.format()).isEqualTo("qmail");
        assertThat(report.failures()).extracting(Bounce::address).containsExactly("un@amis.example", "deux@amis.example");
        assertThat(report.failures()).allSatisfy(bounce -> assertThat(bounce.permanent()).isTrue());
        assertThat(report.failures().get(0).status()).isEqualTo("5.1.1");
    }

    @Test
    void aPersonsMessageThatQuotesAnAddressAndA550IsNeverABounce() throws Exception {
        MimeMessage person = parse("""
                From: Marie <marie@amis.example>
                To: bureau@amis.example
                Subject: Re: La lettre
                X-Failed-Recipients: parti@amis.example

                Bonjour, j'ai reçu "550 5.1.1 User unknown" en écrivant à <parti@amis.example>.
                """);

        assertThat(BounceReader.read(person)).isEmpty();
    }

    @Test
    void automaticRepliesAreKnownByTheirHeadersOrTheirSubject() throws Exception {
        assertThat(AutoReplies.is(parse("From: a@amis.example\nAuto-Submitted: auto-replied\nSubject: Hello\n\nx\n")))
                .isTrue();
        assertThat(AutoReplies.is(parse("From: a@amis.example\nX-Auto-Response-Suppress: All\nSubject: Hi\n\nx\n")))
                .isTrue();
        assertThat(AutoReplies.is(parse("From: a@amis.example\nSubject: =?UTF-8?Q?R=C3=A9ponse_automatique?= : absent\n\nx\n")))
                .isTrue();
        assertThat(AutoReplies.is(parse("From: a@amis.example\nSubject: Re: Absence du 12\n\nJe serai absent.\n")))
                .as("a reply about an absence starts with 'absence'").isTrue();
        assertThat(AutoReplies.is(parse("From: a@amis.example\nAuto-Submitted: no\nSubject: Merci\n\nBravo.\n")))
                .isFalse();
        assertThat(AutoReplies.is(parse("From: a@amis.example\nSubject: Merci pour la lettre\n\nBravo.\n"))).isFalse();
    }

    @Test
    void aShortRequestSentToTheUnsubscribeAddressIsOneAndAQuotedWordIsNot() throws Exception {
        Set<String> unsubscribe = Set.of("desinscription@amis.example");
        MimeMessage ask = parse("""
                From: Marie Martin <marie@amis.example>
                To: desinscription@amis.example
                Subject: Re: La lettre

                Désinscrivez-moi, merci.

                Le 3 nov. 2026, Bureau a écrit :
                > La lettre de novembre
                """);
        MimeMessage quoted = parse("""
                From: Paul <paul@amis.example>
                To: desinscription@amis.example
                Subject: Re: La lettre

                Merci pour les nouvelles du jardin, à bientôt au marché de Koné.

                Le 3 nov. 2026, Bureau a écrit :
                > Pour ne plus recevoir cette lettre : unsubscribe
                """);
        MimeMessage elsewhere = parse("""
                From: Marie Martin <marie@amis.example>
                To: bureau@amis.example
                Subject: unsubscribe

                stop
                """);

        assertThat(UnsubscribeRequests.read(ask, unsubscribe)).hasValueSatisfying(request -> {
            assertThat(request.sender()).isEqualTo("marie@amis.example");
            assertThat(request.to()).isEqualTo("desinscription@amis.example");
        });
        assertThat(UnsubscribeRequests.read(quoted, unsubscribe)).isEmpty();
        assertThat(UnsubscribeRequests.read(elsewhere, unsubscribe)).as("not sent to the unsubscribe address").isEmpty();
    }

    private static MimeMessage toUnsubscribe(String body) throws Exception {
        return parse("From: Marie Martin <marie@amis.example>\nTo: desinscription@amis.example\nSubject: Re: La lettre\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + body + "\n");
    }

    @Test
    void aRequestWrittenAsASentenceInFrenchOrEnglishIsOne() throws Exception {
        Set<String> unsubscribe = Set.of("desinscription@amis.example");
        for (String asks : java.util.List.of(
                "Bonjour, merci de ne plus m'envoyer cette lettre. Bien cordialement, Marie",
                "Je ne souhaite plus recevoir votre lettre d'information, merci beaucoup pour tout.",
                "Retirez mon adresse de votre liste s'il vous plaît.",
                "Hello, please take me off your list, thank you very much for the news.",
                "I no longer wish to receive this newsletter.")) {
            assertThat(UnsubscribeRequests.read(toUnsubscribe(asks), unsubscribe)).as(asks).isPresent();
        }
    }

    @Test
    void aSentenceThatAsksSomethingElseIsNoRequest() throws Exception {
        Set<String> unsubscribe = Set.of("desinscription@amis.example");
        for (String other : java.util.List.of(
                "Pourquoi ne plus m'envoyer la lettre en papier ? Je la préférais.",
                "Je ne veux pas me désinscrire, mais pouvez-vous envoyer la lettre à ma nouvelle adresse ?",
                "Merci pour la lettre, j'ai hâte de lire la prochaine sur les orchidées du jardin.")) {
            assertThat(UnsubscribeRequests.read(toUnsubscribe(other), unsubscribe)).as(other).isEmpty();
        }
    }

    /** Thunderbird and webmails that write raw 8-bit text and declare no charset: read as UTF-8, not as ASCII. */
    @Test
    void aBodyWithNoCharsetIsReadAsTheUtf8ItIs() throws Exception {
        MimeMessage raw = parse("From: Marie <marie@amis.example>\nTo: desinscription@amis.example\nSubject: Re: La lettre\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\nDésinscrivez-moi.\n");

        assertThat(MessageText.plain(raw)).startsWith("Désinscrivez-moi.");
        assertThat(UnsubscribeRequests.read(raw, Set.of("desinscription@amis.example"))).isPresent();
    }
}
