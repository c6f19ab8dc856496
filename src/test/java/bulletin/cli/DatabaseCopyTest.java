package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.PostgresServer;
import bulletin.support.TestHome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Moving a home to PostgreSQL: an HSQLDB home with runs, a suppression list and feedback is copied
 * into a new PostgreSQL database, counted on both sides; Bulletin then runs on the copy, and a new
 * run takes a new id.
 */
@SpringBootTest
@Tag("postgresql")
class DatabaseCopyTest {

    static final TestHome home = TestHome.create("copy");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.locale", () -> "en"); // the terminal's English sentences (FrenchTerminalTest has the French)
    }

    @Autowired
    CommandLineHarness cli;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aHomeIsCopiedToPostgresqlCountedOnBothSidesAndBulletinGoesOnThere() throws Exception {
        home.writeTemplate("letter");
        home.writeRecipients("data/members.csv", TestHome.members("copy", 12));
        home.writeJob("monthly", "monthly", "data/members.csv", 5, "outbox", null);
        assertThat(cli.run("send", "jobs/monthly.yml", "--period", "2026-10")).as(cli.err()).isZero();
        assertThat(cli.run("suppress", "add", "gone@members.example", "--reason", "BOUNCED")).isZero();
        assertThat(cli.run("send", "jobs/monthly.yml", "--period", "2026-11")).as(cli.err()).isZero();
        Path password = home.write("pg.password", PostgresServer.PASSWORD + "\n");
        String url = PostgresServer.get().createDatabase("copy");

        int code = cli.run("database", "copy", "--to", url, "--to-username", PostgresServer.USER,
                "--to-password-file", password.toString());

        assertThat(code).as(cli.err() + cli.out()).isZero();
        assertThat(cli.out()).containsPattern("bulletin_recipient +24 +24").containsPattern("bulletin_suppression +1 +1")
                .containsPattern("BATCH_JOB_INSTANCE +2 +2").contains("Copied and counted");
        try (Connection copy = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            for (String table : List.of("bulletin_run", "bulletin_recipient", "BATCH_JOB_EXECUTION", "BATCH_STEP_EXECUTION")) {
                long here = jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
                assertThat(count(copy, table)).as(table).isEqualTo(here).isPositive();
            }
        }

        // A second copy into the same database is refused: two homes' runs never mix.
        assertThat(cli.run("database", "copy", "--to", url, "--to-username", PostgresServer.USER,
                "--to-password-file", password.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("already holds Bulletin's runs");

        // Bulletin on the copy: the old runs are there, and a new one takes the next id.
        long lastRun = jdbc.sql("SELECT MAX(run_id) FROM bulletin_run").query(Long.class).single();
        try (ConfigurableApplicationContext onCopy = new SpringApplicationBuilder(bulletin.BulletinApplication.class)
                .run("--bulletin.cli.enabled=false", "--bulletin.home=" + home.root(), "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + PostgresServer.USER,
                        "--spring.datasource.password=" + PostgresServer.PASSWORD)) {
            var launcher = onCopy.getBean(bulletin.batch.NewsletterLauncher.class);
            assertThat(onCopy.getBean(bulletin.batch.RunStatuses.class).runs("monthly")).hasSize(2);
            var result = launcher.send(home.path("jobs/monthly.yml"), java.time.YearMonth.of(2026, 12));
            assertThat(result.outcome()).as(result.problem()).isEqualTo(bulletin.run.RunResult.Outcome.COMPLETED);
            assertThat(result.runId()).isGreaterThan(lastRun);
            assertThat(result.counts().get(bulletin.ledger.DeliveryStatus.SENT)).isEqualTo(12);
        }
    }

    private static long count(Connection connection, String table) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
