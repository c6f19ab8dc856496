package bulletin.text;

import java.text.Normalizer;

/** Accent folding, one way for the whole code: "Été" → "Ete", "désinscription" → "desinscription". */
public final class Ascii {

    private Ascii() {
    }

    /** The text without its combining marks (accents, cedillas); other characters are kept. */
    public static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
