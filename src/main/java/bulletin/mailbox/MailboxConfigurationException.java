package bulletin.mailbox;

import bulletin.problem.UserError;

/** A mailbox profile that cannot work as written: the message names the setting to fix. */
public class MailboxConfigurationException extends RuntimeException implements UserError {

    public MailboxConfigurationException(String message) {
        super(message);
    }
}
