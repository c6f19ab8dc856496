package bulletin.audience;

/** A value from a file as one printable line: line breaks and control characters escaped, long values cut. */
public final class Printable {

    private static final int MAX = 120;

    private Printable() {
    }

    public static String of(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        value.codePoints().limit(MAX).forEach(c -> {
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
        return value.codePointCount(0, value.length()) > MAX ? text + "…" : text.toString();
    }
}
