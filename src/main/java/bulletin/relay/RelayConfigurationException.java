package bulletin.relay;

import bulletin.problem.UserError;

/** A relay profile that cannot work as configured; said before any connection is made. */
public class RelayConfigurationException extends RuntimeException implements UserError {

    RelayConfigurationException(String message) {
        super(message);
    }
}
