package bulletin.feedback;

import java.util.ArrayList;

import java.util.List;

/**
 * One address a bounce says could not be reached.
 *
 * @param address           the failed address, as the bounce gives it
 * @param status            the enhanced status ({@code 5.1.1}), or the SMTP code when only that is given
 * @param permanent         the reporting server gave up (a DSN's "failed") rather than still trying ("delayed")
 * @param words             the remote server's words ({@code Diagnostic-Code}, or the reply quoted in the text)
 * @param otherAddresses    other names the bounce gives the same recipient ({@code Original-Recipient},
 *                          {@code X-Failed-Recipients}): the one Bulletin mailed, when the final one was forwarded
 */
public record Bounce(String address, String status, boolean permanent, String words, List<String> otherAddresses) {

    public Bounce {
        otherAddresses = List.copyOf(otherAddresses);
    }

    public Bounce(String address, String status, boolean permanent, String words) {
        this(address, status, permanent, words, List.of());
    }

    /** The address first, then the other names, each once. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(address);
        for (String other : otherAddresses) {
            if (names.stream().noneMatch(other::equalsIgnoreCase)) {
                names.add(other);
            }
        }
        return names;
    }
}
