package bulletin.audience;

import static bulletin.audience.AudienceFiles.accepted;
import static bulletin.audience.AudienceFiles.invalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thunderbird's LDIF export, written here the way Thunderbird writes it (CRLF, lists first, base64). */
class LdifSourceTest {

    @TempDir
    Path home;

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private final String export = String.join("\r\n",
            "dn: cn=Bureau",
            "objectclass: top",
            "objectclass: groupOfNames",
            "cn: Bureau",
            "description: Les élus",
            "member: cn=Amélie Martin,mail=amelie@amis.example",
            "member: cn=Sans Fiche,mail=sans.fiche@amis.example",
            "",
            "dn: cn=Tous",
            "objectclass: top",
            "objectclass: groupOfNames",
            "cn: Tous",
            "member: cn=Bruno,mail=bruno@amis.example",
            "",
            "dn: cn=Amélie Martin,mail=amelie@amis.example",
            "objectclass: top",
            "objectclass: person",
            "objectclass: mozillaAbPersonAlpha",
            "givenName: Amélie",
            "sn: Martin",
            "cn:: " + b64("Amélie Martin"),
            "mail: amelie@amis.example",
            "mozillaCustom1:: " + b64("ligne un\r\nligne deux"),
            "",
            "# a comment between entries",
            "dn: cn=Bruno,mail=bruno@amis.example",
            "objectclass: top",
            "objectclass: person",
            "cn: Bruno",
            "mail: bruno@amis.example",
            "description: a long description that Thunderbird folds over two lines because it is longer than",
            "  seventy-six characters",
            "",
            "dn: cn=Injecteur,mail=eve@amis.example",
            "objectclass: person",
            "cn:: " + b64("Eve\r\nBcc: victim@example.org"),
            "mail: eve@amis.example",
            "",
            "dn: cn=No Mail",
            "objectclass: person",
            "cn: No Mail",
            "") + "\r\n";

    @Test
    void readsEveryContactWithBase64AndFoldedValuesAndRejectsOneWithoutAddress() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("tb.ldif", export);

        List<AudienceEntry> entries = files.read(new RecipientSource.Ldif(files.resolve("tb.ldif"), StandardCharsets.UTF_8, null));

        assertThat(entries).hasSize(4);
        Recipient amelie = accepted(entries.get(0));
        assertThat(amelie.address()).isEqualTo("amelie@amis.example");
        assertThat(amelie.displayName()).isEqualTo("Amélie Martin");
        assertThat(amelie.line()).isEqualTo(15);
        assertThat(amelie.attributes()).containsEntry("mozillaCustom1", "ligne un\r\nligne deux").containsEntry("sn", "Martin");
        Recipient bruno = accepted(entries.get(1));
        assertThat(bruno.attributes().get("description")).endsWith("longer than seventy-six characters");
        assertThat(accepted(entries.get(2)).displayName()).isEqualTo("Eve Bcc: victim@example.org");
        assertThat(invalid(entries.get(3)).reason()).isEqualTo("the contact has no e-mail address");
        assertThat(invalid(entries.get(3)).line()).isEqualTo(39);
    }

    @Test
    void readsTheMembersOfOneMailingListIncludingOneWithoutAContactEntry() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("tb.ldif", export);

        List<AudienceEntry> entries = files.read(new RecipientSource.Ldif(files.resolve("tb.ldif"), StandardCharsets.UTF_8, "bureau"));

        assertThat(entries).extracting(e -> accepted(e).address()).containsExactly("amelie@amis.example", "sans.fiche@amis.example");
        assertThat(accepted(entries.get(1)).displayName()).isEqualTo("Sans Fiche");
        assertThat(accepted(entries.get(1)).line()).isEqualTo(1);
    }

    @Test
    void anUnknownMailingListIsAnErrorNamingTheListsOfTheFile() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("tb.ldif", export);

        assertThatThrownBy(() -> files.read(new RecipientSource.Ldif(files.resolve("tb.ldif"), StandardCharsets.UTF_8, "Amis")))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("tb.ldif")
                .hasMessageContaining("no mailing list named 'Amis'")
                .hasMessageContaining("Bureau, Tous");
    }

    @Test
    void aBrokenRecordIsAnErrorNamingItsLine() {
        AudienceFiles files = new AudienceFiles(home);
        files.write("broken.ldif", "dn: cn=A,mail=a@amis.example\nmail: a@amis.example\n\ndn: cn=B\nthis line has no colon\n");

        assertThatThrownBy(() -> files.read(new RecipientSource.Ldif(files.resolve("broken.ldif"), StandardCharsets.UTF_8, null)))
                .isInstanceOf(AudienceException.class)
                .hasMessageContaining("broken.ldif:")
                .hasMessageContaining("not valid LDIF");
    }
}
