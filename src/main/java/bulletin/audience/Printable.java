package bulletin.audience;

/**
 * A text as one printable line: line breaks and control characters escaped. A value quoted from a
 * file may be cut ({@link #of}); Bulletin's own words around it, and the file and line they name,
 * never are ({@link #escaped}).
 */
public final class Printable {

    private static final int MAX = 120;

    private Printable() {
    }

    /** A value from a file, cut after 120 characters. */
    public static String of(String value) {
        if (value == null) {
            return "";
        }
        String line = escape(value, MAX);
        return value.codePointCount(0, value.length()) > MAX ? line + "…" : line;
    }

    /** A sentence of Bulletin's (which may name a file and line), whole. */
    public static String escaped(String text) {
        return text == null ? "" : escape(text, Long.MAX_VALUE);
    }

    private static String escape(String value, long limit) {
        StringBuilder text = new StringBuilder();
        value.codePoints().limit(limit).forEach(c -> {
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        text.append(String.format("\\u%04x", c));
                    } else {
                        text.appendCodePoint(c);
                    }
                }
            }
        });
        return text.toString();
    }
}
