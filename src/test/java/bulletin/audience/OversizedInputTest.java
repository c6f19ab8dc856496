package bulletin.audience;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipient file with a line or an entry no address book writes (a file without line breaks, a
 * photo of many megabytes) is an error naming the file and the line, found while reading: the
 * reader never holds more than its bound, so it is never a heap failure.
 */
class OversizedInputTest {

    @TempDir
    Path home;

    @Test
    void aCsvLinePastTheBoundIsAnErrorNamingItsLine() throws Exception {
        Path csv = home.resolve("members.csv");
        Files.writeString(csv, "name,email\nAnn,ann@amis.example\nBob," + "b".repeat(BoundedLines.MAX_LINE + 10)
                + "@amis.example\nCid,cid@amis.example\n");

        assertThatThrownBy(() -> {
            try (CsvRecipientFile file = new CsvRecipientFile(csv, Path.of("data/members.csv"), StandardCharsets.UTF_8, null,
                    new AddressNormalizer(true))) {
                while (file.hasNext()) {
                    file.next();
                }
            }
        }).isInstanceOf(AudienceException.class)
                .hasMessageStartingWith("data/members.csv:3: a line longer than 100,000 characters");
    }

    @Test
    void aFileWithoutLineBreaksIsRefusedAtItsFirstLine() throws Exception {
        Path csv = home.resolve("blob.csv");
        Files.writeString(csv, "x".repeat(BoundedLines.MAX_LINE * 3));

        assertThatThrownBy(() -> new CsvRecipientFile(csv, Path.of("data/blob.csv"), StandardCharsets.UTF_8, null,
                new AddressNormalizer(true))).isInstanceOf(AudienceException.class)
                .hasMessageStartingWith("data/blob.csv:1: a line longer than 100,000 characters");
    }

    @Test
    void anLdifEntryPastTheBoundIsAnErrorNamingWhereItStarts() throws Exception {
        StringBuilder ldif = new StringBuilder("dn: cn=Ann,mail=ann@amis.example\nobjectclass: person\ncn: Ann\n"
                + "mail: ann@amis.example\n\ndn: cn=Bob,mail=bob@amis.example\nobjectclass: person\ncn: Bob\n"
                + "mail: bob@amis.example\njpegPhoto:: ");
        String folded = " " + "QUJD".repeat(19) + "\n"; // base64, folded at 77 characters as LDIF writes it
        for (int i = 0; i < 6 * 1024 * 1024 / 76; i++) {
            ldif.append(folded);
        }
        Path file = home.resolve("book.ldif");
        Files.writeString(file, ldif.append("\n").toString());

        assertThatThrownBy(() -> {
            try (LdifRecipientFile book = new LdifRecipientFile(file, Path.of("data/book.ldif"), StandardCharsets.UTF_8, null,
                    new AddressNormalizer(true))) {
                while (book.hasNext()) {
                    book.next();
                }
            }
        }).isInstanceOf(AudienceException.class).hasMessageStartingWith("data/book.ldif:6: an entry larger than 5 MB");
    }
}
