package bulletin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bulletin.BulletinApplication;
import bulletin.batch.NewsletterLauncher;
import bulletin.cli.StartupFailure;
import bulletin.run.RunResult;
import bulletin.support.SmtpServer;
import bulletin.support.TestHome;
import bulletin.tls.Security;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Relay profiles come from environment variables through Boot's relaxed binding, as an operator
 * sets them: the application is started with an environment holding only those variables.
 */
class RelayProfilesFromEnvironmentTest {

    private final TestHome home = TestHome.create("env");
    private final SmtpServer smtp = new SmtpServer();
    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
        smtp.stop();
    }

    private ConfigurableApplicationContext start(Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("BULLETIN_CLI_ENABLED", "false");
        all.put("BULLETIN_HOME", home.root().toString());
        all.put("SPRING_DATASOURCE_URL", home.databaseUrl());
        all.put("BULLETIN_DATABASE_SHARED", "false");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, all));
        context = new SpringApplicationBuilder(BulletinApplication.class).environment(environment).run();
        return context;
    }

    @Test
    void aProfileThatNoFileMentionsIsDefinedByEnvironmentVariablesAndUsedByAJob() {
        smtp.start();
        start(Map.of("BULLETIN_RELAYS_LOCAL_HOST", "127.0.0.1",
                "BULLETIN_RELAYS_LOCAL_PORT", String.valueOf(smtp.port()),
                "BULLETIN_RELAYS_LOCAL_SECURITY", "none"));
        home.writeTemplate("letter");
        List<String> members = TestHome.members("env", 4);
        home.writeRecipients("data/env.csv", members);
        Path job = home.writeJob("env", "env", "data/env.csv", 10, "local", null);

        RunResult result = context.getBean(NewsletterLauncher.class).send(job, YearMonth.of(2026, 11));

        assertThat(result.outcome()).as(result.problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(smtp.deliveriesByRecipient()).containsOnlyKeys(members);
        RelayProfile local = context.getBean(RelayProfiles.class).relays().get("local");
        assertThat(local.security()).isEqualTo(Security.NONE);
    }

    @Test
    void theEnvironmentOverridesAShippedProfileAndFillsItsCredentials() {
        start(Map.of("BULLETIN_RELAYS_MAILJET_PORT", "2525",
                "MAILJET_API_KEY", "key-from-env",
                "MAILJET_SECRET_KEY", "s3cret-from-env-0123456789"));

        RelayProfile mailjet = context.getBean(RelayProfiles.class).relays().get("mailjet");

        assertThat(mailjet.host()).isEqualTo("in-v3.mailjet.com");
        assertThat(mailjet.port()).isEqualTo(2525);
        assertThat(mailjet.security()).isEqualTo(Security.STARTTLS);
        assertThat(mailjet.username()).isEqualTo("key-from-env");
        assertThat(mailjet.password()).isEqualTo("s3cret-from-env-0123456789");
        assertThat(mailjet.toString()).doesNotContain("s3cret").doesNotContain("key-from-env");
    }

    @Test
    void credentialsOverAnUnencryptedProfileAreRefusedBeforeAnythingIsStoredAndNeverEchoed() {
        String password = "pl41n-t3xt-n3v3r-0123456789";
        start(Map.of("BULLETIN_RELAYS_LEAKY_HOST", "127.0.0.1",
                "BULLETIN_RELAYS_LEAKY_SECURITY", "none",
                "BULLETIN_RELAYS_LEAKY_USERNAME", "user",
                "BULLETIN_RELAYS_LEAKY_PASSWORD", password));
        home.writeTemplate("letter");
        home.writeRecipients("data/leaky.csv", TestHome.members("leaky", 2));
        Path job = home.writeJob("leaky", "leaky", "data/leaky.csv", 10, "leaky", null);

        assertThatThrownBy(() -> context.getBean(NewsletterLauncher.class).send(job, YearMonth.of(2026, 11)))
                .isInstanceOf(RelayConfigurationException.class)
                .hasMessageContaining("security 'none'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));

        JdbcClient jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_VALUE LIKE ?")
                .param("%" + password + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulletin_run").query(Long.class).single()).isZero();
    }

    @Test
    void mailboxesAreDefinedFromTheEnvironmentToo() {
        start(Map.of("BULLETIN_MAILBOXES_ARCHIVE_HOST", "imap.example.org",
                "BULLETIN_MAILBOXES_ARCHIVE_PROTOCOL", "pop3",
                "BULLETIN_MAILBOXES_ARCHIVE_PORT", "995",
                "MAILBOX_USERNAME", "bureau@amis.example",
                "MAILBOX_PASSWORD", "b0ite-0123456789"));

        var mailboxes = context.getBean(bulletin.mailbox.MailboxProfiles.class).mailboxes();
        assertThat(mailboxes.get("archive").host()).isEqualTo("imap.example.org");
        assertThat(mailboxes.get("archive").protocol()).isEqualTo(bulletin.mailbox.MailboxProfile.Protocol.POP3);
        assertThat(mailboxes.get("archive").security()).isEqualTo(Security.SSL);
        var shipped = mailboxes.get("mailbox");
        assertThat(shipped.protocol()).isEqualTo(bulletin.mailbox.MailboxProfile.Protocol.IMAP);
        assertThat(shipped.host()).isEqualTo("ssl0.ovh.net");
        assertThat(shipped.port()).isEqualTo(993);
        assertThat(shipped.username()).isEqualTo("bureau@amis.example");
        assertThat(shipped.toString()).doesNotContain("b0ite");
    }

    @Test
    void aSettingOutOfRangeStopsTheStartInOneSentenceNamingIt() {
        assertThatThrownBy(() -> start(Map.of("BULLETIN_RELAYS_LOCAL_HOST", "127.0.0.1",
                "BULLETIN_RELAYS_LOCAL_PORT", "70000")))
                .satisfies(e -> assertThat(StartupFailure.sentence(e))
                        .contains("bulletin.relays.local.port is 70000: must be less than or equal to 65535")
                        .doesNotContain("\n").doesNotContain("codes ["));
        assertThatThrownBy(() -> start(Map.of("BULLETIN_SEND_MAX_FAILURE_RATE", "1.5")))
                .satisfies(e -> assertThat(StartupFailure.sentence(e))
                        .contains("bulletin.send.max-failure-rate is 1.5: must be less than or equal to 1"));
        assertThatThrownBy(() -> start(Map.of("BULLETIN_RETENTION", "24x")))
                .satisfies(e -> assertThat(StartupFailure.sentence(e)).contains("bulletin.retention")
                        .contains("'24x' is not a retention period").doesNotContain("\n"));
    }
}
