package bulletin.audience;

import bulletin.text.Sentence;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict RFC 5322 parsing of one address, then the normal form Bulletin stores and sends to:
 * the domain lower-cased and, when internationalised, in punycode (which every relay accepts);
 * the local part is sent as written. Its key, by which two rows are the same person, is
 * {@link AddressKeys}'s.
 */
public final class AddressNormalizer {

    /** The result of a parse: the address and display name, or why it is not an address. */
    public sealed interface Result {
    }

    public record Valid(String address, String key, String displayName) implements Result {
    }

    /** Why a text is not an address, in the terminal's words. */
    public record Rejected(Sentence said) implements Result {

        /** In English, as the ledger and the audit keep it. */
        public String reason() {
            return said.english();
        }
    }

    /** A display name with a comma but no quote, '@' or bracket, then exactly one address in brackets. */
    private static final Pattern OUTLOOK_NAME = Pattern.compile("([^<>@\"\\\\]*,[^<>@\"\\\\]*)<([^<>@]+@[^<>@]+)>");

    private final boolean utf8LocalPart;
    private final AddressKeys keys;

    /** Addresses whose local part is ASCII only: what every relay accepts. */
    public AddressNormalizer() {
        this(false);
    }

    /** @param utf8LocalPart the relay supports SMTPUTF8, so a non-ASCII local part can be sent */
    public AddressNormalizer(boolean utf8LocalPart) {
        this(utf8LocalPart, AddressKeys.FOLDED);
    }

    /** @param keys the rule that says which spellings are the same person */
    public AddressNormalizer(boolean utf8LocalPart, AddressKeys keys) {
        this.utf8LocalPart = utf8LocalPart;
        this.keys = keys;
    }

    public Result normalize(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return new Rejected(Sentence.of("address.none"));
        }
        Matcher outlook = OUTLOOK_NAME.matcher(trimmed);
        if (outlook.matches()) {
            // Outlook writes "Dupont, Marie <marie@example.org>": one member, the comma in an unquoted name.
            trimmed = "\"" + outlook.group(1).strip() + "\" <" + outlook.group(2).strip() + ">";
        }
        InternetAddress parsed;
        try {
            InternetAddress[] all = InternetAddress.parse(trimmed, true);
            if (all.length != 1) {
                return new Rejected(Sentence.of(all.length == 0 ? "address.none" : "address.several"));
            }
            parsed = all[0];
            if (parsed.isGroup()) {
                return new Rejected(Sentence.of("address.group"));
            }
        } catch (AddressException e) {
            return new Rejected(Sentence.of("address.invalid", Printable.of(e.getMessage())));
        }
        String address = parsed.getAddress();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return new Rejected(Sentence.of("address.parts"));
        }
        String local = address.substring(0, at);
        if (!utf8LocalPart && !local.chars().allMatch(c -> c < 128)) {
            return new Rejected(Sentence.of("address.non-ascii"));
        }
        String domain;
        try {
            domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return new Rejected(Sentence.of("address.bad-domain", Printable.of(e.getMessage())));
        }
        if (!domain.contains(".") && !domain.startsWith("[")) {
            return new Rejected(Sentence.of("address.no-dot", Printable.of(domain)));
        }
        String normalized = local + "@" + domain;
        try {
            new InternetAddress(normalized, true).validate();
        } catch (AddressException e) {
            return new Rejected(Sentence.of("address.invalid", Printable.of(e.getMessage())));
        }
        return new Valid(normalized, keys.of(normalized), DisplayNames.clean(parsed.getPersonal()));
    }
}
