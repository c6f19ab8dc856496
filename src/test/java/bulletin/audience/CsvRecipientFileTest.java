package bulletin.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecipientFileTest {

    @TempDir
    Path dir;

    private List<AudienceEntry> read(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<AudienceEntry> entries = new ArrayList<>();
        try (AudienceReader reader = new AudienceReader(List.of(file))) {
            reader.forEachRemaining(entries::add);
        }
        return entries;
    }

    @Test
    void findsTheAddressAndNameColumnsByTheirUsualNamesAndKeepsEveryOtherColumn() throws IOException {
        List<AudienceEntry> entries = read("members.csv",
                "Prénom,Nom,E-mail,Adhésion\r\nAmélie,Martin,Amelie.Martin@Example.ORG,2019\r\n");

        assertThat(entries).hasSize(1);
        Recipient recipient = ((AudienceEntry.Accepted) entries.get(0)).recipient();
        assertThat(recipient.address()).isEqualTo("Amelie.Martin@example.org");
        assertThat(recipient.displayName()).isEqualTo("Amélie Martin");
        assertThat(recipient.attributes()).containsEntry("Adhésion", "2019");
        assertThat(recipient.line()).isEqualTo(2);
        assertThat(recipient.source()).isEqualTo(dir.resolve("members.csv"));
    }

    @Test
    void readsThunderbirdsColumnsSemicolonsAQuotedNewlineAndABom() throws IOException {
        List<AudienceEntry> entries = read("tb.csv", "\uFEFFDisplay Name;First Name;Last Name;Primary Email\n"
                + "\"John\nDoe\";John;Doe;john@doe.example\n"
                + "Jane Doe;Jane;Doe;jane@doe.example\n");

        assertThat(entries).hasSize(2);
        Recipient john = ((AudienceEntry.Accepted) entries.get(0)).recipient();
        assertThat(john.displayName()).isEqualTo("John Doe");
        assertThat(john.line()).isEqualTo(2);
        assertThat(entries.get(1).line()).isEqualTo(4);
    }

    @Test
    void recordsARowWithoutAUsableAddressAsInvalidWithItsReasonAndLine() throws IOException {
        List<AudienceEntry> entries = read("bad.csv", "email\nok@example.org\nnot an address\n\"x@\"\nü@example.org\n");

        assertThat(entries).hasSize(4);
        assertThat(entries.get(0)).isInstanceOf(AudienceEntry.Accepted.class);
        assertThat(entries.subList(1, 4)).allSatisfy(entry -> assertThat(entry).isInstanceOf(AudienceEntry.Invalid.class));
        AudienceEntry.Invalid invalid = (AudienceEntry.Invalid) entries.get(1);
        assertThat(invalid.line()).isEqualTo(3);
        assertThat(invalid.text()).isEqualTo("not an address");
        assertThat(invalid.reason()).isNotBlank();
        assertThat(((AudienceEntry.Invalid) entries.get(3)).reason()).contains("non-ASCII");
    }

    @Test
    void aDisplayNameCannotCarryALineBreakIntoAHeader() throws IOException {
        List<AudienceEntry> entries = read("inject.csv",
                "name,email\n\"Eve\r\nBcc: victim@example.org\",eve@example.org\n");

        Recipient eve = ((AudienceEntry.Accepted) entries.get(0)).recipient();
        assertThat(eve.displayName()).isEqualTo("Eve Bcc: victim@example.org").doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void aFileWithoutAnAddressColumnIsAnErrorNamingTheFileAndTheColumnsToUse() throws IOException {
        Files.writeString(dir.resolve("noaddress.csv"), "name,phone\nAlice,123\n");

        assertThatThrownBy(() -> new AudienceReader(List.of(dir.resolve("noaddress.csv"))).hasNext())
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("noaddress.csv:1")
                .hasMessageContaining("no address column")
                .hasMessageContaining("email");
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNamingTheFileAndLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "email,name\nok@example.org,Ok\nbad@example.org,Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> {
            try (AudienceReader reader = new AudienceReader(List.of(file))) {
                reader.forEachRemaining(entry -> { });
            }
        }).isInstanceOf(AudienceException.class).hasMessageContaining("latin1.csv").hasMessageContaining("UTF-8");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> AudienceReader.checkReadable(List.of(dir.resolve("absent.csv"))))
                .isInstanceOf(AudienceException.class).hasMessageContaining("absent.csv").hasMessageContaining("no such");
    }
}
