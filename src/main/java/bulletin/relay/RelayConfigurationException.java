package bulletin.relay;

/** A relay profile that cannot work as configured; said before any connection is made. */
public class RelayConfigurationException extends RuntimeException {

    RelayConfigurationException(String message) {
        super(message);
    }
}
