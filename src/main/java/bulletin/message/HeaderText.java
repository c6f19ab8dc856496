package bulletin.message;

/** Text from data that goes into a header: control characters (CR and LF above all) become spaces. */
final class HeaderText {

    private HeaderText() {
    }

    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return out.toString().replaceAll(" {2,}", " ").strip();
    }
}
