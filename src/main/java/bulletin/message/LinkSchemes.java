package bulletin.message;

import bulletin.text.Sentence;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links a letter may carry: {@code http:}, {@code https:} and {@code mailto:} (and {@code tel:}),
 * images from {@code cid:}, {@code data:image/} or the letter's own folder. A value from the
 * recipients' data in {@code href="{{link}}"} is escaped by Mustache but stays a working
 * {@code javascript:} link; such a letter is refused at render, naming the link.
 */
final class LinkSchemes {

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(?i)\\b(href|src|action|formaction|background|poster)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-f]+);?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> LINKS = Set.of("http", "https", "mailto", "tel");
    private static final Set<String> IMAGES = Set.of("http", "https", "cid");

    private LinkSchemes() {
    }

    /** @throws TemplateException naming the first link of another scheme, and where it is */
    static void check(String html, String where) {
        if (html == null) {
            return;
        }
        Matcher attribute = ATTRIBUTE.matcher(html);
        while (attribute.find()) {
            String raw = attribute.group(3) != null ? attribute.group(3)
                    : attribute.group(4) != null ? attribute.group(4) : attribute.group(5);
            String value = decoded(raw);
            Matcher scheme = SCHEME.matcher(value);
            if (!scheme.find()) {
                continue; // relative: the letter's own images, an anchor
            }
            String name = scheme.group(1);
            boolean image = !attribute.group(1).equalsIgnoreCase("href") && !attribute.group(1).toLowerCase(Locale.ROOT)
                    .contains("action");
            boolean allowed = image ? IMAGES.contains(name) || value.startsWith("data:image/") : LINKS.contains(name);
            if (!allowed) {
                throw new TemplateException(Sentence.of("template.bad-link", where, attribute.group(1).toLowerCase(Locale.ROOT),
                        (raw.length() > 60 ? raw.substring(0, 60) + "…" : raw).replaceAll("\\p{Cntrl}", "?")));
            }
        }
    }

    /** The value as a browser reads it: entities decoded, blanks and control characters (which browsers skip) gone. */
    private static String decoded(String raw) {
        Matcher entity = NUMERIC_ENTITY.matcher(raw);
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            int code;
            try {
                code = Integer.parseInt(entity.group(2), entity.group(1).isEmpty() ? 10 : 16);
            } catch (NumberFormatException e) {
                code = '?';
            }
            entity.appendReplacement(text, Matcher.quoteReplacement(new String(Character.toChars(
                    Character.isValidCodePoint(code) ? code : '?'))));
        }
        entity.appendTail(text);
        String value = text.toString().replace("&colon;", ":").replace("&Tab;", "").replace("&NewLine;", "")
                .replaceAll("[\\s\\p{Cntrl}]", "");
        return value.toLowerCase(Locale.ROOT);
    }
}
