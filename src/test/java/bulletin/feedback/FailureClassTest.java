package bulletin.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a failure says about the address, on the replies real servers write (status as the bounce
 * or the relay gives it | the remote words). Only a dead address is suppressed at once; the
 * sender's problems never are the member's.
 */
class FailureClassTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            5.1.1 | 550 5.1.1 <a@x.example>: Recipient address rejected: User unknown in virtual mailbox table | ADDRESS_DEAD
            5.1.1 | 550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking | ADDRESS_DEAD
            5.1.10 | 556 5.1.10 Recipient address rejected: Domain x.example does not accept mail (nullMX) | ADDRESS_DEAD
            5.1.2 | Host or domain name not found. Name service error for name=x.example type=MX | ADDRESS_DEAD
            5.1.6 | 551 5.1.6 User has moved; please try <b@x.example> | ADDRESS_DEAD
            5.0.0 | 550 5.0.0 <a@x.example>... User unknown | ADDRESS_DEAD
            5.7.1 | 550 5.7.1 <a@x.example>: Recipient address rejected: user unknown | ADDRESS_DEAD
            - | 554 delivery error: dd This user doesn't have a yahoo.com account (a@yahoo.com) [0] - mta1 | ADDRESS_DEAD
            5.4.1 | 550 5.4.1 Recipient address rejected: Access denied. AS(201806281) | ADDRESS_DEAD
            5.1.1 | 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found | ADDRESS_DEAD
            550 | Sorry, no mailbox here by that name. (#5.1.1) | ADDRESS_DEAD
            5.7.606 | 550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal | SENDER_SIDE
            5.7.26 | 550 5.7.26 Unauthenticated email from amis.example is not accepted due to domain's DMARC policy | SENDER_SIDE
            5.7.1 | 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org | SENDER_SIDE
            5.7.1 | 550 5.7.1 Message rejected as spam by Content Filtering | SENDER_SIDE
            550 | 550 Ip frequency limited | SENDER_SIDE
            552 | 552 Too many recipients | SENDER_SIDE
            5.7.1 | 554 5.7.1 <a@x.example>: Relay access denied | SENDER_SIDE
            5.3.4 | 552 5.3.4 Message size exceeds fixed limit | SENDER_SIDE
            5.2.3 | 552 5.2.3 Message exceeds maximum size | SENDER_SIDE
            5.1.8 | 553 5.1.8 <bureau@amis.example>: Sender address rejected: Domain not found | SENDER_SIDE
            5.6.0 | 554 5.6.0 Message contains a virus | SENDER_SIDE
            4.7.0 | 421 4.7.0 Try again later, closing connection. (EHLO) | SENDER_SIDE
            5.1.1 | 550 5.1.1 Service unavailable; client host [192.0.2.1] blocked using Spamhaus | SENDER_SIDE
            5.2.2 | 552 5.2.2 The email account that you tried to reach is over quota | MEMBER_TEMPORARY
            5.2.2 | 552 5.2.2 Mailbox full | MEMBER_TEMPORARY
            5.2.1 | 550 5.2.1 The email account that you tried to reach is disabled | MEMBER_TEMPORARY
            5.2.1 | 554 5.2.1 mailbox suspended | MEMBER_TEMPORARY
            4.2.2 | 452 4.2.2 Mailbox full, try again later | MEMBER_TEMPORARY
            4.4.7 | delivery temporarily suspended: connect to mx.x.example: Connection timed out | MEMBER_TEMPORARY
            5.4.7 | Delivery expired (message too old) | MEMBER_TEMPORARY
            5.0.0 | 550 Requested action not taken: mailbox unavailable | MEMBER_TEMPORARY
            5.0.0 | - | MEMBER_TEMPORARY
            hard bounce | - | MEMBER_TEMPORARY
            """)
    void aFailureIsReadFromItsStatusThenFromTheServersWords(String status, String words, FailureClass expected) {
        assertThat(FailureClass.of(status, words)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            helo | 550 5.1.1 <a@x.example>: hello, user unknown | ADDRESS_DEAD
            rbl  | 550 <verbal@x.example> rejected | MEMBER_TEMPORARY
            """)
    void aPhraseCountsOnlyAsWholeWords(String about, String words, FailureClass expected) {
        assertThat(FailureClass.of(null, words)).as(about).isEqualTo(expected);
    }
}
