package bulletin.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
        return new CampaignLoader(new Workspace(home, Path.of("templates"), Path.of("data/outbox"), Path.of("data/reports")));
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
        assertThat(campaign.recipients()).containsExactly(home.resolve("data/members.csv"), home.resolve("data/friends.csv"));
        assertThat(campaign.chunkSize()).isEqualTo(25);
        assertThat(campaign.relay()).isEqualTo("mailjet");
        assertThat(campaign.visibleTo()).isEqualTo(VisibleTo.SENDER);
        assertThat(campaign.variables()).containsEntry("association", "Les Amis").containsEntry("year", "2026");
    }

    @Test
    void defaultsToChunksOfFiftyAndAnUndisclosedTo() throws IOException {
        Campaign campaign = loader().load(job(valid.replace("chunk-size: 25\n", "")));

        assertThat(campaign.chunkSize()).isEqualTo(50);
        assertThat(campaign.visibleTo()).isEqualTo(VisibleTo.UNDISCLOSED);
        assertThat(campaign.replyTo()).isNull();
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheFileTheLineAndTheKey() throws IOException {
        Path file = job(valid + "subjet: typo\n");

        assertThatThrownBy(() -> loader().load(file))
                .isInstanceOf(CampaignFileException.class)
                .hasMessageContaining(file.toString() + ":10")
                .hasMessageContaining("unknown key 'subjet'")
                .hasMessageContaining("subject");
    }

    @Test
    void aMissingRequiredKeyIsAnErrorNamingTheKey() throws IOException {
        Path file = job(valid.replace("relay: mailjet\n", ""));

        assertThatThrownBy(() -> loader().load(file))
                .isInstanceOf(CampaignFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("missing required key 'relay'");
    }

    @Test
    void aWrongTypeIsAnErrorNamingTheKeyAndTheLine() throws IOException {
        Path chunk = job(valid.replace("chunk-size: 25", "chunk-size: ten"));
        assertThatThrownBy(() -> loader().load(chunk))
                .hasMessageContaining(chunk + ":8")
                .hasMessageContaining("'chunk-size' must be a whole number, not 'ten'");

        Path recipients = job(valid.replace("recipients:\n  - data/members.csv\n  - data/friends.csv\n",
                "recipients: data/members.csv\n"));
        assertThatThrownBy(() -> loader().load(recipients))
                .hasMessageContaining(recipients + ":5")
                .hasMessageContaining("'recipients' must be a list");

        Path name = job(valid.replace("name: monthly", "name: [a, b]"));
        assertThatThrownBy(() -> loader().load(name))
                .hasMessageContaining(name + ":1")
                .hasMessageContaining("'name' must be a single value");
    }

    @Test
    void outOfRangeValuesAndBadAddressesAreRejected() throws IOException {
        Path big = job(valid.replace("chunk-size: 25", "chunk-size: 5000"));
        assertThatThrownBy(() -> loader().load(big)).hasMessageContaining("between 1 and 1000");

        Path from = job(valid.replace("\"Les Amis <bureau@amis.example>\"", "bureau(at)amis"));
        assertThatThrownBy(() -> loader().load(from)).hasMessageContaining(from + ":2")
                .hasMessageContaining("'from' is not a valid address");

        Path visible = job(valid + "visible-to: everyone\n");
        assertThatThrownBy(() -> loader().load(visible)).hasMessageContaining("'visible-to' is 'undisclosed' or 'sender'");
    }

    @Test
    void brokenYamlAndAMissingFileAreErrorsNamingTheFile() throws IOException {
        Path broken = job("name: [unclosed\n");
        assertThatThrownBy(() -> loader().load(broken)).isInstanceOf(CampaignFileException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("not valid YAML");

        assertThatThrownBy(() -> loader().load(Path.of("jobs/nowhere.yml"))).isInstanceOf(CampaignFileException.class)
                .hasMessageContaining("nowhere.yml").hasMessageContaining("no such file");

        Path duplicate = job(valid + "relay: outbox\n");
        assertThatThrownBy(() -> loader().load(duplicate)).isInstanceOf(CampaignFileException.class)
                .hasMessageContaining(duplicate + ":10").hasMessageContaining("key 'relay' is given twice (first on line 9)");
    }
}
