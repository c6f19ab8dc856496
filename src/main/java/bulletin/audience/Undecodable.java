package bulletin.audience;

import bulletin.text.Sentence;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the line that holds bytes a charset cannot decode. Readers decode ahead of the line they
 * parse, so the line is found again here, once, when decoding has failed.
 */
final class Undecodable {

    private Undecodable() {
    }

    /** The 1-based line of the first undecodable bytes, or 0 when none is found. */
    static long lineOf(Path file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long number = 1;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    if (!decodes(decoder, line)) {
                        return number;
                    }
                    line.reset();
                    number++;
                } else {
                    line.write(b);
                }
            }
            return decodes(decoder, line) ? 0 : number;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean decodes(CharsetDecoder decoder, ByteArrayOutputStream line) {
        try {
            decoder.reset().decode(ByteBuffer.wrap(line.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** @param name the file as the operator is told of it */
    static AudienceException error(Path file, Path name, Charset charset) {
        return new AudienceException(name, lineOf(file, charset), Sentence.of("audience.undecodable", charset.name()));
    }
}
