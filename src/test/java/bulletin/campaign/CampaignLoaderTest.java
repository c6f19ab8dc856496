package bulletin.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.audience.RecipientSource;
import bulletin.home.Workspace;
import bulletin.yaml.YamlFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignLoaderTest {

    @TempDir
    Path home;

    private final String valid = """
            name: monthly
            from: "Les Amis <bureau@amis.example>"
            subject: "Lettre {{period}}"
            template: monthly
            recipients:
              - data/members.csv
              - data/friends.csv
            chunk-size: 25
            relay: mailjet
            """;

    private CampaignLoader loader() {
        return new CampaignLoader(new Workspace(home, Path.of("templates"), Path.of("data/lists"), Path.of("jobs"), Path.of("data/outbox"), Path.of("data/reports")));
    }

    private Path job(String yaml) throws IOException {
        Path file = home.resolve("jobs/test.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsEveryKeyAndResolvesRecipientFilesAgainstTheHome() throws IOException {
        Campaign campaign = loader().load(job(valid + "reply-to: contact@amis.example\nvisible-to: sender\n"
                + "variables:\n  association: Les Amis\n  year: 2026\n"));

        assertThat(campaign.name()).isEqualTo("monthly");
        assertThat(campaign.from()).isEqualTo("Les Amis <bureau@amis.example>");
        assertThat(campaign.replyTo()).isEqualTo("contact@amis.example");
        assertThat(campaign.subject()).isEqualTo("Lettre {{period}}");
        assertThat(campaign.template()).isEqualTo("monthly");
        assertThat(campaign.recipients()).containsExactly(
                new RecipientSource.Csv(home.resolve("data/members.csv"), StandardCharsets.UTF_8, null),
                new RecipientSource.Csv(home.resolve("data/friends.csv"), StandardCharsets.UTF_8, null));
        assertThat(campaign.envelopeSize()).isEqualTo(25);
        assertThat(campaign.relay()).isEqualTo("mailjet");
        assertThat(campaign.visibleTo()).isEqualTo(VisibleTo.SENDER);
        assertThat(campaign.variables()).containsEntry("association", "Les Amis").containsEntry("year", "2026");
    }

    @Test
    void defaultsToChunksOfFiftyAndAnUndisclosedTo() throws IOException {
        Campaign campaign = loader().load(job(valid.replace("chunk-size: 25\n", "")));

        assertThat(campaign.envelopeSize()).isEqualTo(50);
        assertThat(campaign.visibleTo()).isEqualTo(VisibleTo.UNDISCLOSED);
        assertThat(campaign.replyTo()).isNull();
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheFileTheLineAndTheKey() throws IOException {
        Path file = job(valid + "subjet: typo\n");

        assertThatThrownBy(() -> loader().load(file))
                .isInstanceOf(YamlFileException.class)
                .hasMessageStartingWith("jobs/test.yml:10: ") // named from the home, as the operator types it
                .hasMessageContaining("unknown key 'subjet'")
                .hasMessageContaining("subject");
    }

    @Test
    void aMissingRequiredKeyIsAnErrorNamingTheKey() throws IOException {
        Path file = job(valid.replace("relay: mailjet\n", ""));

        assertThatThrownBy(() -> loader().load(file))
                .isInstanceOf(YamlFileException.class)
                .hasMessageContaining("jobs/test.yml")
                .hasMessageContaining("missing required key 'relay'");
    }

    @Test
    void aWrongTypeIsAnErrorNamingTheKeyAndTheLine() throws IOException {
        Path chunk = job(valid.replace("chunk-size: 25", "chunk-size: ten"));
        assertThatThrownBy(() -> loader().load(chunk))
                .hasMessageContaining("jobs/test.yml:8")
                .hasMessageContaining("'chunk-size' must be a whole number, not 'ten'");

        Path recipients = job(valid.replace("recipients:\n  - data/members.csv\n  - data/friends.csv\n",
                "recipients: data/members.csv\n"));
        assertThatThrownBy(() -> loader().load(recipients))
                .hasMessageContaining("jobs/test.yml:5")
                .hasMessageContaining("'recipients' must be a list");

        Path name = job(valid.replace("name: monthly", "name: [a, b]"));
        assertThatThrownBy(() -> loader().load(name))
                .hasMessageContaining("jobs/test.yml:1")
                .hasMessageContaining("'name' must be a single value");
    }

    /** A vCard export is named and refused with what to export instead, never read as a CSV without an address column. */
    @Test
    void aVcardExportIsRefusedByNameWithWhatToExportInstead() throws IOException {
        Path plain = job(valid.replace("  - data/friends.csv", "  - data/Contacts.VCF"));
        assertThatThrownBy(() -> loader().load(plain)).isInstanceOf(YamlFileException.class)
                .hasMessageStartingWith("jobs/test.yml:7: ")
                .hasMessageContaining("data/Contacts.VCF is a vCard export (.vcf), which Bulletin does not read")
                .hasMessageContaining("export the same book as CSV (comma separated) or LDIF");

        Path mapped = job(valid.replace("  - data/friends.csv", "  - file: data/carnet.vcard\n    charset: UTF-8"));
        assertThatThrownBy(() -> loader().load(mapped)).isInstanceOf(YamlFileException.class)
                .hasMessageStartingWith("jobs/test.yml:7: ").hasMessageContaining("data/carnet.vcard is a vCard export");
    }

    @Test
    void outOfRangeValuesAndBadAddressesAreRejected() throws IOException {
        Path big = job(valid.replace("chunk-size: 25", "chunk-size: 5000"));
        assertThatThrownBy(() -> loader().load(big)).hasMessageContaining("between 1 and 1000");

        Path from = job(valid.replace("\"Les Amis <bureau@amis.example>\"", "bureau(at)amis"));
        assertThatThrownBy(() -> loader().load(from)).hasMessageContaining("jobs/test.yml:2")
                .hasMessageContaining("'from' is not a valid address");

        Path visible = job(valid + "visible-to: everyone\n");
        assertThatThrownBy(() -> loader().load(visible)).hasMessageContaining("'visible-to' is 'undisclosed' or 'sender'");
    }

    /** Attachments only from the home's folders: nothing outside it, no credentials, no personal data, no link out. */
    @Test
    void anAttachmentOutsideTheHomeOrAmongItsSecretsIsRefusedNamingTheLine() throws IOException {
        Files.createDirectories(home.resolve("data/attachments"));
        Files.writeString(home.resolve("data/attachments/agenda.pdf"), "%PDF-1.4");
        Path outside = Files.createTempFile("outside", ".txt");
        Files.createSymbolicLink(home.resolve("data/attachments/link.txt"), outside);
        try {
            Campaign fine = loader().load(job(valid + "attachments:\n  - data/attachments/agenda.pdf\n"));
            assertThat(fine.attachments()).containsExactly(home.resolve("data/attachments/agenda.pdf"));
            for (String[] refused : new String[][] {{"/etc/shadow", "is not in the home"},
                    {"data/../../etc/passwd", "leads out of its folder"}, {"config/relays.env", "is a hidden or settings file"},
                    {"config/application.yml", "is in a folder of credentials or personal data"}, {".env", "is a hidden or settings file"},
                    {"data/db/bulletin.script", "is in a folder of credentials or personal data"},
                    {"data/attachments/link.txt", "is a link to a file outside the home"}}) {
                Path job = job(valid + "attachments:\n  - data/attachments/agenda.pdf\n  - " + refused[0] + "\n");
                assertThatThrownBy(() -> loader().load(job)).as(refused[0]).hasMessageContaining("jobs/test.yml:12")
                        .hasMessageContaining("attachment '" + refused[0] + "' " + refused[1])
                        .hasMessageContaining("attach only files kept in the home's folders");
            }
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void readsEachFormOfRecipientSource() throws IOException {
        Campaign campaign = loader().load(job(valid.replace("  - data/members.csv\n  - data/friends.csv\n",
                "  - data/members.csv\n"
                        + "  - file: data/export.csv\n    charset: windows-1252\n    delimiter: \";\"\n"
                        + "  - file: data/tb.ldif\n    list: Bureau\n"
                        + "  - data/all.ldif\n"
                        + "  - list: bureau\n"
                        + "  - data/lists/amis.yml\n"
                        + "  - file: data/tabs.tsv\n    delimiter: tab\n")));

        assertThat(campaign.recipients()).containsExactly(
                new RecipientSource.Csv(home.resolve("data/members.csv"), StandardCharsets.UTF_8, null),
                new RecipientSource.Csv(home.resolve("data/export.csv"), java.nio.charset.Charset.forName("windows-1252"), ';'),
                new RecipientSource.Ldif(home.resolve("data/tb.ldif"), StandardCharsets.UTF_8, "Bureau"),
                new RecipientSource.Ldif(home.resolve("data/all.ldif"), StandardCharsets.UTF_8, null),
                new RecipientSource.ListRef("bureau"),
                new RecipientSource.ListRef(home.resolve("data/lists/amis.yml").toString()),
                new RecipientSource.Csv(home.resolve("data/tabs.tsv"), StandardCharsets.UTF_8, '\t'));
    }

    @Test
    void aSourceWithWrongOptionsIsAnErrorNamingTheLine() throws IOException {
        Path charset = job(valid.replace("  - data/friends.csv\n", "  - file: data/friends.csv\n    charset: klingon\n"));
        assertThatThrownBy(() -> loader().load(charset)).isInstanceOf(YamlFileException.class)
                .hasMessageContaining("jobs/test.yml:8").hasMessageContaining("unknown charset 'klingon'");

        Path listOnCsv = job(valid.replace("  - data/friends.csv\n", "  - file: data/friends.csv\n    list: x\n"));
        assertThatThrownBy(() -> loader().load(listOnCsv)).hasMessageContaining("'list' picks a mailing list of an LDIF export");

        Path unknown = job(valid.replace("  - data/friends.csv\n", "  - file: data/friends.csv\n    encoding: utf-8\n"));
        assertThatThrownBy(() -> loader().load(unknown)).hasMessageContaining("unknown key 'encoding'");

        Path delimiter = job(valid.replace("  - data/friends.csv\n", "  - file: data/friends.csv\n    delimiter: '::'\n"));
        assertThatThrownBy(() -> loader().load(delimiter)).hasMessageContaining("'delimiter' is one of");
    }

    @Test
    void aScheduleIsACronLineAndAWrongOneIsAnErrorNamingTheLine() throws IOException {
        assertThat(loader().load(job(valid + "schedule: \"0 8 1 * *\"\n")).schedule()).isEqualTo("0 0 8 1 * *");

        Path wrong = job(valid + "schedule: every month\n");
        assertThatThrownBy(() -> loader().load(wrong)).isInstanceOf(YamlFileException.class)
                .hasMessageContaining("jobs/test.yml:10").hasMessageContaining("'schedule' is a cron expression");
    }

    @Test
    void brokenYamlAndAMissingFileAreErrorsNamingTheFile() throws IOException {
        Path broken = job("name: [unclosed\n");
        assertThatThrownBy(() -> loader().load(broken)).isInstanceOf(YamlFileException.class)
                .hasMessageContaining("jobs/test.yml").hasMessageContaining("not valid YAML");

        assertThatThrownBy(() -> loader().load(Path.of("jobs/nowhere.yml"))).isInstanceOf(YamlFileException.class)
                .hasMessageContaining("nowhere.yml").hasMessageContaining("no such file");

        Path duplicate = job(valid + "relay: outbox\n");
        assertThatThrownBy(() -> loader().load(duplicate)).isInstanceOf(YamlFileException.class)
                .hasMessageContaining("jobs/test.yml:10").hasMessageContaining("key 'relay' is given twice (first on line 9)");
    }
}
