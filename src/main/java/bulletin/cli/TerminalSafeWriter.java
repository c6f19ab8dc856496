package bulletin.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the commands print, made safe for a terminal: text from outside (a bounce's subject, a
 * suppression's note, a file's value) may hold escape sequences that set the window title, erase
 * or hide lines. Every control character but the line feed and the tab is shown as {@code \\uXXXX},
 * as are the characters that reorder a line (bidirectional overrides): printed, never obeyed.
 */
final class TerminalSafeWriter extends FilterWriter {

    TerminalSafeWriter(Writer out) {
        super(out);
    }

    static boolean obeyedByTerminals(int c) {
        return c != '\n' && c != '\t' && (Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069);
    }

    @Override
    public void write(int c) throws IOException {
        if (obeyedByTerminals(c)) {
            out.write(String.format("\\u%04x", c));
        } else {
            out.write(c);
        }
    }

    @Override
    public void write(char[] text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(text[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(text.charAt(i));
        }
    }
}
