package bulletin.feedback;

/**
 * Messages as they arrive in an association's mailbox, written for the tests after the formats
 * real servers send: bounces (RFC 3464 from Postfix, Gmail and Microsoft; Exim's and qmail's
 * plain text), automatic replies, unsubscribe requests, and ordinary mail.
 */
public final class Mails {

    public static final String MAILBOX = "bureau@amis.example";
    public static final String UNSUBSCRIBE = "desinscription@amis.example";
    /** The name the association's mailbox server writes first in its Authentication-Results headers. */
    public static final String AUTHSERV_ID = "mx.amis.example";

    private Mails() {
    }

    /** Postfix: a delivery status notification, the original headers attached. */
    public static String postfixBounce(String id, String failed, String status, String action, String diagnostic,
                                String originalMessageId) {
        return """
                Return-Path: <>
                From: MAILER-DAEMON@mx.members.example (Mail Delivery System)
                To: bureau@amis.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%1$s@mx.members.example>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B-%1$s"

                --B-%1$s
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.members.example.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <%2$s>: host mx2.members.example[192.0.2.7] said: %5$s

                --B-%1$s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.members.example
                X-Postfix-Queue-ID: 4F2A1C0D
                Arrival-Date: Mon, 30 Nov 2026 02:00:00 +1100

                Final-Recipient: rfc822; %2$s
                Original-Recipient: rfc822;%2$s
                Action: %4$s
                Status: %3$s
                Remote-MTA: dns; mx2.members.example
                Diagnostic-Code: smtp; %5$s

                --B-%1$s
                Content-Type: text/rfc822-headers

                From: Les Amis <bureau@amis.example>
                To: undisclosed-recipients:;
                Subject: Lettre 2026-11
                Message-ID: %6$s

                --B-%1$s--
                """.formatted(id, failed, status, action, diagnostic, originalMessageId);
    }

    /**
     * A provider's abuse report (RFC 5965 ARF, as Yahoo's and Microsoft's feedback loops send):
     * {@code rcptTo} null when the provider hides who complained.
     */
    public static String complaint(String id, String rcptTo, String originalMessageId) {
        return """
                From: Feedback Loop <fbl@provider.example>
                To: bureau@amis.example
                Subject: FW: Lettre 2026-11
                Date: Tue, 1 Dec 2026 09:00:00 +1100
                Message-ID: <%1$s@provider.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F-%1$s"

                --F-%1$s
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --F-%1$s
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ProviderFBL/1.0
                Version: 1
                Original-Mail-From: <bureau@amis.example>
                %2$sArrival-Date: Mon, 30 Nov 2026 02:00:00 +1100
                Reported-Domain: amis.example
                Source-IP: 192.0.2.1

                --F-%1$s
                Content-Type: text/rfc822-headers

                From: Les Amis <bureau@amis.example>
                To: undisclosed-recipients:;
                Subject: Lettre 2026-11
                Message-ID: %3$s

                --F-%1$s--
                """.formatted(id, rcptTo == null ? "" : "Original-Rcpt-To: <" + rcptTo + ">\n", originalMessageId);
    }

    /** Gmail: a DSN too, with X-Failed-Recipients and a friendly text part. */
    public static String gmailBounce(String id, String failed, String originalMessageId) {
        return """
                From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
                To: bureau@amis.example
                X-Failed-Recipients: %2$s
                Subject: Delivery Status Notification (Failure)
                Message-ID: <%1$s@mail.gmail.com>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; boundary="G-%1$s"; report-type=delivery-status

                --G-%1$s
                Content-Type: text/plain; charset="UTF-8"

                ** Address not found **

                Your message wasn't delivered to %2$s because the address couldn't be found.

                --G-%1$s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; googlemail.com

                Final-Recipient: rfc822; %2$s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.
                 Please try double-checking the recipient's email address.

                --G-%1$s
                Content-Type: message/rfc822

                From: Les Amis <bureau@amis.example>
                Subject: Lettre 2026-11
                Message-ID: %3$s
                Content-Type: text/plain

                Bonjour.
                --G-%1$s--
                """.formatted(id, failed, originalMessageId);
    }

    /** Microsoft 365: a DSN whose status is 5.1.10 (recipient not found). */
    public static String microsoftBounce(String id, String failed, String originalMessageId) {
        return """
                From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@members.example>
                To: bureau@amis.example
                Subject: Undeliverable: Lettre 2026-11
                Message-ID: <%1$s@outlook.com>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="M-%1$s"

                --M-%1$s
                Content-Type: text/plain; charset="us-ascii"

                Your message to %2$s couldn't be delivered.
                %2$s wasn't found at members.example.

                --M-%1$s
                Content-Type: message/delivery-status

                Reporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.outlook.com
                Received-From-MTA: dns;mx.amis.example

                Final-Recipient: rfc822;%2$s
                Action: failed
                Status: 5.1.10
                Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

                --M-%1$s
                Content-Type: text/rfc822-headers

                Message-ID: %3$s
                Subject: Lettre 2026-11

                --M-%1$s--
                """.formatted(id, failed, originalMessageId);
    }

    /** Exim: plain text, the failed address in X-Failed-Recipients, the original message below. */
    public static String eximBounce(String id, String failed, String originalMessageId) {
        return """
                Return-path: <>
                From: Mail Delivery System <Mailer-Daemon@mx.members.example>
                To: bureau@amis.example
                X-Failed-Recipients: %2$s
                Subject: Mail delivery failed: returning message to sender
                Message-Id: <%1$s@mx.members.example>
                Auto-Submitted: auto-replied

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  %2$s
                    host mx2.members.example [192.0.2.9]
                    SMTP error from remote mail server after RCPT TO:<%2$s>:
                    550 5.1.1 <%2$s>: Recipient address rejected: User unknown in virtual mailbox table

                ------ This is a copy of the message, including all the headers. ------

                From: Les Amis <bureau@amis.example>
                Subject: Lettre 2026-11
                Message-ID: %3$s

                Bonjour.
                """.formatted(id, failed, originalMessageId);
    }

    /** qmail: "Hi. This is the qmail-send program", the address on a line of its own. */
    public static String qmailBounce(String id, String failed, String originalMessageId) {
        return """
                From: MAILER-DAEMON@mail.members.example
                To: bureau@amis.example
                Subject: failure notice
                Message-ID: <%1$s@mail.members.example>

                Hi. This is the qmail-send program at mail.members.example.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <%2$s>:
                192.0.2.10 does not like recipient.
                Remote host said: 550 5.1.1 No such user here
                Giving up on 192.0.2.10.

                --- Below this line is a copy of the message.

                From: Les Amis <bureau@amis.example>
                Subject: Lettre 2026-11
                Message-ID: %3$s

                Bonjour à tous.
                """.formatted(id, failed, originalMessageId);
    }

    public static String autoReply(String id, String from) {
        return """
                From: %2$s
                To: bureau@amis.example
                Subject: Absent du 1er au 15 décembre
                Message-ID: <%1$s@members.example>
                Auto-Submitted: auto-replied
                Content-Type: text/plain; charset=UTF-8

                Je suis absente et lirai votre message à mon retour. Pour toute urgence, stop
                au secrétariat.
                """.formatted(id, from);
    }

    /** An out-of-office from a program that sets no header: known by its subject. */
    public static String outOfOffice(String id, String from) {
        return """
                From: %2$s
                To: bureau@amis.example
                Subject: Automatic reply: Lettre 2026-11
                Message-ID: <%1$s@members.example>
                Content-Type: text/plain; charset=UTF-8

                I am out of the office until Monday. Please unsubscribe me from nothing.
                """.formatted(id, from);
    }

    /**
     * A request whose sender the association's mailbox server authenticated: its own
     * Authentication-Results header on top, DKIM and DMARC passed for the From's domain.
     */
    public static String vouchedRequest(String id, String from, String to, String subject, String body) {
        String domain = from.replaceAll(".*@([^>\\s]+).*", "$1");
        return "Authentication-Results: " + AUTHSERV_ID + ";\n spf=pass smtp.mailfrom=" + domain + ";\n dkim=pass"
                + " (2048-bit key) header.d=" + domain + " header.s=s1;\n dmarc=pass (p=reject) header.from=" + domain + "\n"
                + request(id, from, to, subject, body);
    }

    /** A request as anyone can write it: no authentication, or verdicts that are not the mailbox server's. */
    public static String request(String id, String from, String to, String subject, String body) {
        return """
                From: %2$s
                To: %3$s
                Subject: %4$s
                Message-ID: <%1$s@members.example>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                %5$s
                """.formatted(id, from, to, subject, body);
    }
}
