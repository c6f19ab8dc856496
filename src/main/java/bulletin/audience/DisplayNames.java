package bulletin.audience;

import java.util.regex.Pattern;

/** Display names come from spreadsheets: nothing in them may end up as a header line. */
final class DisplayNames {

    /** Compiled once: a staging cleans a name per row (String.replaceAll compiled it each time). */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private DisplayNames() {
    }

    /** Control characters (CR and LF above all) become spaces, runs of space fold; blank becomes null. */
    public static String clean(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        String folded = SPACES.matcher(out).replaceAll(" ").strip();
        return folded.isEmpty() ? null : folded;
    }
}
