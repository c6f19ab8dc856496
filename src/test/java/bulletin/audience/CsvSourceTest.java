package bulletin.audience;

import static bulletin.audience.AudienceFiles.accepted;
import static bulletin.audience.AudienceFiles.invalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {

    @TempDir
    Path home;

    private AudienceFiles files() {
        return new AudienceFiles(home);
    }

    @Test
    void findsTheAddressAndNameColumnsByTheirUsualNamesAndKeepsEveryOtherColumn() {
        AudienceFiles files = files();
        files.write("members.csv", "Prénom,Nom,E-mail,Adhésion\r\nAmélie,Martin,Amelie.Martin@Example.ORG,2019\r\n");

        List<AudienceEntry> entries = files.read(files.csv("members.csv"));

        Recipient recipient = accepted(entries.get(0));
        assertThat(entries).hasSize(1);
        assertThat(recipient.address()).isEqualTo("Amelie.Martin@example.org");
        assertThat(recipient.displayName()).isEqualTo("Amélie Martin");
        assertThat(recipient.attributes()).containsEntry("Adhésion", "2019").containsEntry("Prénom", "Amélie");
        assertThat(recipient.line()).isEqualTo(2);
        assertThat(recipient.source()).isEqualTo(home.resolve("members.csv"));
    }

    @Test
    void aPlainListOfAddressesWithoutAHeaderRowIsReadFromItsFirstLine() {
        AudienceFiles files = files();
        files.write("plain.txt", "marie@example.org\n\nnot an address\npaul@example.org\n");

        List<AudienceEntry> entries = files.read(files.csv("plain.txt"));

        assertThat(entries).hasSize(3);
        assertThat(accepted(entries.get(0)).address()).isEqualTo("marie@example.org");
        assertThat(accepted(entries.get(0)).line()).isEqualTo(1);
        assertThat(invalid(entries.get(1)).line()).isEqualTo(3);
        assertThat(accepted(entries.get(2)).line()).isEqualTo(4);
    }

    @Test
    void recognisesTheAddressColumnUnderEachUsualName() {
        AudienceFiles files = files();
        for (String header : List.of("email", "E-Mail", "MAIL", "Courriel", "adresse", "Primary Email",
                "Adresse e-mail principale", "Adresse électronique principale", "Adresse mail")) {
            files.write("h.csv", "x;" + header + "\r\n1;someone@example.org\r\n");
            assertThat(accepted(files.read(files.csv("h.csv")).get(0)).address()).as(header).isEqualTo("someone@example.org");
        }
    }

    @Test
    void readsAThunderbirdEnglishExport() {
        AudienceFiles files = files();
        files.write("tb.csv", "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Notes\r\n"
                + "contact,one,contact number one,,contact1@tb.example,,\r\n"
                + "contact,two,contact number two,,contact2@tb.example,,\"custom, 1\"\r\n");

        List<AudienceEntry> entries = files.read(files.csv("tb.csv"));

        assertThat(entries).extracting(e -> accepted(e).address()).containsExactly("contact1@tb.example", "contact2@tb.example");
        assertThat(accepted(entries.get(1)).displayName()).isEqualTo("contact number two");
        assertThat(accepted(entries.get(1)).attributes()).containsEntry("Notes", "custom, 1");
    }

    @Test
    void readsAFrenchThunderbirdExportWithRepeatedColumnNames() {
        AudienceFiles files = files();
        files.write("fr.csv", "Prénom,Nom de famille,Nom à afficher,Surnom,Adresse e-mail principale,"
                + "Adresse e-mail secondaire,Ville,Code postal,Ville,Code postal\r\n"
                + "Jean,Dupont,Jean Dupont,jd,jean.dupont@fr.example,,Nouméa,98800,Paris,75001\r\n");

        Recipient jean = accepted(files.read(files.csv("fr.csv")).get(0));

        assertThat(jean.address()).isEqualTo("jean.dupont@fr.example");
        assertThat(jean.displayName()).isEqualTo("Jean Dupont");
        assertThat(jean.attributes()).containsEntry("Ville", "Nouméa").containsEntry("Surnom", "jd");
    }

    @Test
    void readsAWindows1252ExportWithSemicolonsAndAQuotedNewline() {
        AudienceFiles files = files();
        files.write("win.csv", "Nom;Prénom;Courriel;Commentaire\r\n"
                + "Lefèvre;Hélène;helene@exemple.example;\"sur deux\r\nlignes; avec \"\"guillemets\"\"\"\r\n"
                + "Œuvre;François;francois@exemple.example;€ 20\r\n", Charset.forName("windows-1252"));

        List<AudienceEntry> entries = files.read(new RecipientSource.Csv(files.resolve("win.csv"),
                Charset.forName("windows-1252"), null));

        assertThat(entries).hasSize(2);
        Recipient helene = accepted(entries.get(0));
        assertThat(helene.displayName()).isEqualTo("Hélène Lefèvre");
        assertThat(helene.attributes()).containsEntry("Commentaire", "sur deux\r\nlignes; avec \"guillemets\"");
        assertThat(helene.line()).isEqualTo(2);
        Recipient francois = accepted(entries.get(1));
        assertThat(francois.line()).isEqualTo(4);
        assertThat(francois.displayName()).isEqualTo("François Œuvre");
        assertThat(francois.attributes()).containsEntry("Commentaire", "€ 20");
    }

    @Test
    void readsAUtf8ExportWithABomSemicolonsAndAQuotedNewlineEvenWhenDeclaredWindows1252() {
        AudienceFiles files = files();
        files.write("bom.csv", "\uFEFFCourriel;Nom à afficher;Note\r\nzoe@exemple.example;Zoé Ŝ;\"a\nb\"\r\n");

        for (Charset declared : List.of(StandardCharsets.UTF_8, Charset.forName("windows-1252"))) {
            Recipient zoe = accepted(files.read(new RecipientSource.Csv(files.resolve("bom.csv"), declared, null)).get(0));
            assertThat(zoe.address()).isEqualTo("zoe@exemple.example");
            assertThat(zoe.displayName()).isEqualTo("Zoé Ŝ");
            assertThat(zoe.attributes()).containsEntry("Note", "a\nb").containsKey("Courriel");
        }
    }

    @Test
    void readsUtf8WithABomAndLfLineEndsAndTabs() {
        AudienceFiles files = files();
        files.write("bom.csv", "\uFEFFemail\tname\nann@example.org\tAnn\nbob@example.org\tBob\n");

        List<AudienceEntry> entries = files.read(files.csv("bom.csv"));

        assertThat(entries).extracting(e -> accepted(e).address()).containsExactly("ann@example.org", "bob@example.org");
        assertThat(accepted(entries.get(1)).displayName()).isEqualTo("Bob");
        assertThat(entries.get(1).line()).isEqualTo(3);
    }

    @Test
    void aDeclaredDelimiterWinsOverDetection() {
        AudienceFiles files = files();
        files.write("pipe.csv", "name|email\n\"Doe, Jane; Dr\"|jane@example.org\n");

        Recipient jane = accepted(files.read(new RecipientSource.Csv(files.resolve("pipe.csv"), StandardCharsets.UTF_8, '|')).get(0));

        assertThat(jane.displayName()).isEqualTo("Doe, Jane; Dr");
    }

    @Test
    void recordsEachRowWithoutAUsableAddressAsInvalidWithItsReasonAndLine() {
        AudienceFiles files = files();
        files.write("bad.csv", "email,name\nok@example.org,Ok\n\nnot an address,A\n\"a@example.org, b@example.org\",B\n"
                + "x@localhost,C\njosé@example.org,D\nteam: a@example.org;,E\n,Nobody\n");

        List<AudienceEntry> entries = files.read(files.csv("bad.csv"));

        assertThat(entries).hasSize(7);
        assertThat(accepted(entries.get(0)).address()).isEqualTo("ok@example.org");
        assertThat(invalid(entries.get(1)).line()).isEqualTo(4);
        assertThat(invalid(entries.get(1)).reason()).startsWith("not a valid address");
        assertThat(invalid(entries.get(2)).reason()).isEqualTo("more than one address in one field");
        assertThat(invalid(entries.get(3)).reason()).contains("has no dot");
        assertThat(invalid(entries.get(4)).reason()).contains("non-ASCII").contains("SMTPUTF8");
        assertThat(invalid(entries.get(5)).reason()).contains("group");
        assertThat(invalid(entries.get(6)).reason()).isEqualTo("no address");
        assertThat(invalid(entries.get(6)).line()).isEqualTo(9);
        assertThat(invalid(entries.get(6)).displayName()).isEqualTo("Nobody");
    }

    @Test
    void aNonAsciiLocalPartIsAcceptedWhenTheRelaySpeaksSmtpUtf8() {
        AudienceFiles files = files();
        files.write("utf8.csv", "email\njosé@café.example\n");

        Recipient jose = accepted(files.read(new AddressNormalizer(true), files.csv("utf8.csv")).get(0));

        assertThat(jose.address()).isEqualTo("josé@xn--caf-dma.example");
    }

    @Test
    void aDisplayNameCannotCarryALineBreakIntoAHeader() {
        AudienceFiles files = files();
        files.write("inject.csv", "name,email\n\"Eve\r\nBcc: victim@example.org\",eve@example.org\n"
                + "Mallory,\"Mallory\r\nBcc: x@example.org <mallory@example.org>\"\n");

        List<AudienceEntry> entries = files.read(files.csv("inject.csv"));

        assertThat(accepted(entries.get(0)).displayName()).isEqualTo("Eve Bcc: victim@example.org");
        assertThat(entries.get(1)).isInstanceOf(AudienceEntry.Invalid.class);
    }

    @Test
    void aFileWithoutAnAddressColumnIsAnErrorNamingTheFileAndTheColumnsToUse() {
        AudienceFiles files = files();
        files.write("noaddress.csv", "name,phone\nAlice,123\n");

        assertThatThrownBy(() -> files.read(files.csv("noaddress.csv")))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("noaddress.csv:1")
                .hasMessageContaining("no address column")
                .hasMessageContaining("email");
    }

    @Test
    void bytesThatAreNotValidInTheDeclaredCharsetAreAnErrorNamingTheFileLineAndFix() {
        AudienceFiles files = files();
        files.writeBytes("latin1.csv", "email,name\nok@example.org,Ok\nbad@example.org,Ren\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> files.read(files.csv("latin1.csv")))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("latin1.csv:3")
                .hasMessageContaining("charset: windows-1252");
    }

    @Test
    void aMissingFileIsNamedBeforeAnyRowIsRead() {
        AudienceFiles files = files();
        files.write("present.csv", "email\na@example.org\n");

        assertThatThrownBy(() -> AudiencePlan.of(List.of(files.csv("present.csv"), files.csv("absent.csv")), files.catalog()))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("absent.csv")
                .hasMessageContaining("no such recipient file");
    }
}
