package bulletin.audience;

import java.net.IDN;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one rule for "the same person": two spellings of an address are the same member when they
 * differ only by case, in the domain (DNS ignores it) and in the part before '@' too, which every
 * large provider treats alike ({@code Amelie.Martin@} and {@code amelie.martin@} reach one mailbox).
 * Staging, duplicates, the suppression list, feedback, abandoned runs and {@code audit} all compare
 * addresses by this key. A domain that really tells local parts apart by case is named in
 * {@code bulletin.addresses.case-sensitive-domains}: its local parts keep their case.
 */
public final class AddressKeys {

    /** Every local part folded: what holds for nearly every mail system. */
    public static final AddressKeys FOLDED = new AddressKeys(Set.of());

    private final Set<String> caseSensitiveDomains;

    /** @param caseSensitiveDomains domains whose local parts keep their case (any case, Unicode or punycode) */
    public AddressKeys(Collection<String> caseSensitiveDomains) {
        this.caseSensitiveDomains = caseSensitiveDomains.stream().map(AddressKeys::domain).collect(Collectors.toUnmodifiableSet());
    }

    /** The key of an address (or of any text: one without '@' is folded whole). */
    public String of(String address) {
        String text = address.strip();
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
        String local = text.substring(0, at);
        return (caseSensitiveDomains.contains(domain) ? local : local.toLowerCase(Locale.ROOT)) + "@" + domain;
    }

    private static String domain(String name) {
        String stripped = name.strip();
        try {
            return IDN.toASCII(stripped).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAHostName) {
            return stripped.toLowerCase(Locale.ROOT);
        }
    }
}
