package bulletin.mailbox;

/** The mailbox could not be reached or read: nothing was changed in it. */
public class MailboxException extends RuntimeException {

    public MailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
