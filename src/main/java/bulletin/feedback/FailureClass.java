package bulletin.feedback;

import bulletin.text.Ascii;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a delivery failure says about the member's address, read from its RFC 3463 status and then
 * from the remote server's words, since servers misuse codes ("user unknown" behind 5.0.0 or
 * 5.7.1, a rate limit behind 550). Only a dead address is suppressed at once; a problem of the
 * member's mailbox is counted across runs; a problem of the sender or of the message never
 * touches the member: one blocklisted relay IP or one DMARC mistake must not empty a provider's
 * worth of the list. When unsure, the member is kept and the failure counted.
 */
public enum FailureClass {

    /** User or host unknown, moved, null MX: suppressed. */
    ADDRESS_DEAD("the address does not exist"),
    /** Mailbox full, disabled or suspended, over quota, expired in a queue, or not clear: counted across runs. */
    MEMBER_TEMPORARY("the member's mailbox cannot take it now"),
    /** Blocklisted IP, SPF/DKIM/DMARC, spam or virus filter, policy, rate limit, relaying denied, too big: never the member's. */
    SENDER_SIDE("refused because of the sender or the message, not the address");

    private final String meaning;

    FailureClass(String meaning) {
        this.meaning = meaning;
    }

    /** In words, for the operator. */
    public String meaning() {
        return meaning;
    }

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    /** Words that blame the sending side whatever the code: the sender's address, domain, IP or authentication. */
    private static final List<String> SENDER_ALWAYS = List.of("sender address", "sender domain", "sender rejected",
            "envelope from", "mail from", "helo", "ehlo", "client host", "reverse dns", "reverse lookup", "ptr record",
            "your ip", "sending ip", "sender ip", "ip address", "spf", "dkim", "dmarc", "unauthenticated",
            "authentication", "relay access denied", "relaying denied", "relay not permitted", "not permitted to relay",
            "unable to relay", "relaying not allowed");

    /** Words that say the address itself is dead. */
    private static final List<String> DEAD = List.of("user unknown", "unknown user", "unknown recipient",
            "recipient unknown", "no such user", "no such mailbox", "no such recipient", "no such address",
            "no such account", "user not found", "recipient not found", "mailbox not found", "address not found",
            "account not found", "does not exist", "doesn't exist", "dont exist", "don't exist", "not exist",
            "no longer exists", "invalid recipient", "invalid mailbox", "invalid address", "unknown address",
            "unknown mailbox", "unknown local part", "unknown or illegal alias", "no mailbox here", "mailbox unknown",
            "not a valid mailbox", "no valid recipients", "unrouteable address", "unroutable address",
            "host unknown", "host not found", "domain not found", "no such domain", "domain does not exist",
            "no mx", "null mx", "has moved", "user has moved", "address has changed", "account has been deleted",
            "account has been removed", "account closed", "addressee unknown", "not our customer",
            "doesn't have a", "does not have an account", "user doesn't have", "recipient address rejected: access denied",
            "recipnotfound", "not listed in public directory", "recipient not listed", "not listed in");

    /** Words that blame the message or the sending side's reputation and volume. */
    private static final List<String> SENDER = List.of("blocklist", "blocklisted", "blacklist", "blacklisted",
            "block list", "black list", "blocked", "banned", "denylist", "denylisted", "spamhaus", "spamcop",
            "barracuda", "sorbs", "rbl", "dnsbl", "reputation", "listed at", "listed on", "listed by", "listed in",
            "spam", "spammy", "spamming", "junk", "bulk mail", "virus", "malware", "phishing", "content rejected",
            "message rejected", "rejected for policy", "policy", "rate limit", "rate-limit", "ratelimit",
            "rate limited", "too many", "frequency", "throttled", "throttling", "try again later", "greylisted",
            "greylisting", "graylisted", "message too big", "message too large", "message size", "too large",
            "exceeds size", "size limit", "exceeds the maximum", "not authorized", "not allowed", "access denied",
            "prohibited", "refused by", "suspicious");

    /** Words that speak of the member's mailbox being unable to take mail for now. */
    private static final List<String> MEMBER = List.of("mailbox full", "mailbox is full", "mailbox has exceeded",
            "over quota", "overquota", "quota exceeded", "exceeded quota", "exceeds quota", "storage", "disk full",
            "insufficient", "disabled", "suspended", "inactive", "deactivated", "locked", "frozen", "expired",
            "time limit", "timed out", "timeout", "could not be delivered within", "retry time", "temporarily",
            "mailbox unavailable", "mailbox not available");

    /**
     * What a failure says, given whether the reporting server gave up: a delay ("delayed", "will
     * keep trying") is never a dead address, whatever its words.
     */
    public static FailureClass of(String status, String words, boolean finalFailure) {
        FailureClass kind = of(status, words);
        return kind == ADDRESS_DEAD && !finalFailure ? MEMBER_TEMPORARY : kind;
    }

    /**
     * @param status the enhanced status ({@code 5.1.1}) or the SMTP code, as the bounce or the relay gave it; may be null
     * @param words  the remote server's words (a reply, a Diagnostic-Code); may be null
     */
    public static FailureClass of(String status, String words) {
        String text = words == null ? "" : Ascii.fold(words).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int[] code = enhanced(status, text);
        if (code == null) {
            return byWords(text, MEMBER_TEMPORARY);
        }
        int subject = code[1];
        int detail = code[2];
        boolean deadCode = subject == 1 && (detail == 1 || detail == 2 || detail == 3 || detail == 6 || detail == 10);
        if (deadCode) {
            // The code names the address; only words that blame the sender say otherwise.
            return anyOf(text, SENDER_ALWAYS) || (anyOf(text, SENDER) && !anyOf(text, DEAD)) ? SENDER_SIDE : ADDRESS_DEAD;
        }
        if (code[0] == 4) {
            // Temporary: the address is never dead on a 4xx, however it is worded.
            return anyOf(text, SENDER_ALWAYS) || subject == 7 || (subject != 2 && anyOf(text, SENDER))
                    ? SENDER_SIDE : MEMBER_TEMPORARY;
        }
        FailureClass byCode = switch (subject) {
            case 1 -> detail == 7 || detail == 8 ? SENDER_SIDE : MEMBER_TEMPORARY; // 5.1.7/5.1.8: the sender's address
            case 2 -> detail == 3 ? SENDER_SIDE : MEMBER_TEMPORARY;               // 5.2.3: the message is too big
            case 3 -> detail == 4 ? SENDER_SIDE : MEMBER_TEMPORARY;               // 5.3.4: the message is too big
            case 5, 6, 7 -> SENDER_SIDE;                                           // protocol, content, security/policy
            default -> MEMBER_TEMPORARY;                                           // 5.0.0, 5.4.x (routing, expired)
        };
        return byWords(text, byCode);
    }

    /** The words decide, in this order: the sender blamed outright, a dead address, the sender or message, the mailbox. */
    private static FailureClass byWords(String text, FailureClass otherwise) {
        if (anyOf(text, SENDER_ALWAYS)) {
            return SENDER_SIDE;
        }
        if (anyOf(text, DEAD)) {
            return ADDRESS_DEAD;
        }
        if (anyOf(text, SENDER)) {
            return SENDER_SIDE;
        }
        if (anyOf(text, MEMBER)) {
            return MEMBER_TEMPORARY;
        }
        return otherwise;
    }

    /** Class, subject and detail of the status, or of the first enhanced code in the words; null when there is none. */
    private static int[] enhanced(String status, String text) {
        for (String candidate : new String[] {status, text}) {
            if (candidate == null) {
                continue;
            }
            Matcher matcher = ENHANCED.matcher(candidate);
            if (matcher.find()) {
                return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3))};
            }
        }
        String basic = status != null && status.strip().matches("[45]\\d\\d") ? status.strip()
                : text.matches("^[45]\\d\\d[ -].*") ? text.substring(0, 3) : null;
        return basic == null ? null : new int[] {basic.charAt(0) - '0', 0, 0};
    }

    private static boolean anyOf(String text, List<String> phrases) {
        for (String phrase : phrases) {
            if (contains(text, phrase)) {
                return true;
            }
        }
        return false;
    }

    /** The phrase as whole words: "rbl" is not in "verbal", "helo" is not in "hello". */
    private static boolean contains(String text, String phrase) {
        int from = 0;
        while (true) {
            int at = text.indexOf(phrase, from);
            if (at < 0) {
                return false;
            }
            int end = at + phrase.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
            from = at + 1;
        }
    }
}
