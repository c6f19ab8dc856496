package bulletin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The home's config/relays.env, as the setup card and systemd's EnvironmentFile= write it, read by Bulletin itself. */
class CredentialsFileTest {

    @TempDir
    Path home;

    private Path write(String content, String modes) throws IOException {
        Path file = home.resolve(CredentialsFile.PATH);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(modes));
        return file;
    }

    private StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        environment.getPropertySources().addFirst(new MapPropertySource("args", Map.of("bulletin.home", home.toString())));
        new CredentialsFile().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void theSetupCardsNamesReachTheSettingsAndTheProcessEnvironmentWins() throws IOException {
        write("""
                # The association's setup card
                MAILJET_API_KEY=key-0123
                export MAILJET_SECRET_KEY="secret with spaces # and a hash"
                MAILBOX_PASSWORD='p@ss=word'

                BULLETIN_TIME_ZONE=Europe/Paris
                MAILBOX_USERNAME=bureau@amis.example
                """, "rw-------");

        StandardEnvironment environment = environment(Map.of("MAILBOX_USERNAME", "from-the-environment@amis.example"));

        assertThat(environment.getProperty("MAILJET_API_KEY")).isEqualTo("key-0123");
        assertThat(environment.getProperty("MAILJET_SECRET_KEY")).isEqualTo("secret with spaces # and a hash");
        assertThat(environment.getProperty("MAILBOX_PASSWORD")).isEqualTo("p@ss=word");
        assertThat(environment.getProperty("bulletin.time-zone")).as("any setting, by its environment name")
                .isEqualTo("Europe/Paris");
        assertThat(environment.getProperty("MAILBOX_USERNAME")).as("a variable of the process wins")
                .isEqualTo("from-the-environment@amis.example");
    }

    @Test
    void noFileChangesNothing() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getPropertySources().contains(CredentialsFile.PATH)).isFalse();
    }

    @Test
    void aFileOthersMayReadIsRefusedInOneSentenceNamingWhatToDo() throws IOException {
        write("MAILJET_SECRET_KEY=s3cr3t\n", "rw-r--r--");

        assertThatThrownBy(() -> environment(Map.of())).isInstanceOf(CredentialsFile.UnsafeCredentialsException.class)
                .hasMessage("config/relays.env holds passwords and others on this machine may read it (rw-r--r--):"
                        + " run chmod 600 config/relays.env, then the same command again");
    }

    @Test
    void aLineThatIsNotASettingIsNamedByItsNumberNeverEchoed() throws IOException {
        write("MAILJET_API_KEY=key\nmy password is hunter2\n", "rw-------");

        assertThatThrownBy(() -> environment(Map.of())).isInstanceOf(CredentialsFile.UnsafeCredentialsException.class)
                .hasMessageStartingWith("config/relays.env line 2 is not NAME=value").hasMessageNotContaining("hunter2");
    }
}
