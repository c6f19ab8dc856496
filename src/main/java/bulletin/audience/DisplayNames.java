package bulletin.audience;

/** Display names come from spreadsheets: nothing in them may end up as a header line. */
final class DisplayNames {

    private DisplayNames() {
    }

    /** Control characters (CR and LF above all) become spaces, runs of space fold; blank becomes null. */
    public static String clean(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        String folded = out.toString().replaceAll("\\s+", " ").strip();
        return folded.isEmpty() ? null : folded;
    }
}
