package bulletin.audience;

import bulletin.text.Sentence;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A recipient file read with a bound on its lines: no row of recipients is 100,000 characters
 * long, and a file with such a line (a 200 MB single line, a binary file under a .csv name) would
 * otherwise be held whole in memory by the parser. Past the bound, reading fails with the line's
 * number, for a sentence that names it.
 */
final class BoundedLines extends FilterReader {

    /** The longest line read, in characters. */
    static final int MAX_LINE = 100_000;

    /** A line past {@link #MAX_LINE}: its number, counted from 1. */
    static final class TooLong extends IOException {
        private final long line;

        TooLong(long line) {
            super("line " + line + " is longer than " + MAX_LINE + " characters");
            this.line = line;
        }

        long line() {
            return line;
        }

        /** The operator's sentence. */
        Sentence sentence() {
            return Sentence.of("audience.line-too-long");
        }
    }

    private long line = 1;
    private int length;

    BoundedLines(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int read = super.read(buffer, offset, count);
        for (int i = offset; i < offset + Math.max(read, 0); i++) {
            count(buffer[i]);
        }
        return read;
    }

    private void count(char c) throws TooLong {
        if (c == '\n') {
            line++;
            length = 0;
        } else if (++length > MAX_LINE) {
            throw new TooLong(line);
        }
    }
}
