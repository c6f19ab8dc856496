package bulletin.relay;

import bulletin.text.Sentence;
import bulletin.text.Spoken;
import java.io.IOException;

/**
 * A relay broke SMTP in a way {@link TrackedSmtpTransport} refuses to go on with (a reply too long
 * or too slow, an answer before the message was written): an I/O failure for Angus, which closes
 * the connection, and a sentence of Bulletin's own for the operator.
 */
final class RelayProtocolError extends IOException implements Spoken {

    private final transient Sentence sentence;

    RelayProtocolError(Sentence sentence) {
        super(sentence.english());
        this.sentence = sentence;
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
