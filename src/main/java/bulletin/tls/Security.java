package bulletin.tls;

/** How a relay connection is protected. */
public enum Security {
    /** Plain connection upgraded with STARTTLS, which is required (ports 587, 25, 2525). */
    STARTTLS,
    /** Implicit TLS from the first byte ("SSL/TLS", port 465). */
    SSL,
    /** No encryption: only for a local relay, never with credentials. */
    NONE
}
