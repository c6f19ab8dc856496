package bulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.batch.NewsletterLauncher;
import bulletin.support.TestHome;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code bulletin.retention}: the scheduler's purge, once a day, of finished runs older than that. */
@SpringBootTest
class DailyPurgeTest {

    static final TestHome home = TestHome.create("daily-purge");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.retention", () -> "12m");
    }

    @Autowired
    DailyPurge purge;

    @Autowired
    NewsletterLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    private long sentLongAgo(String campaign) {
        home.writeRecipients("data/" + campaign + ".csv", TestHome.members(campaign, 3));
        long runId = launcher.send(home.writeJob(campaign, campaign, "data/" + campaign + ".csv", 3, "outbox", null),
                YearMonth.of(2025, 1)).runId();
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET END_TIME = ? WHERE JOB_INSTANCE_ID = ?",
                Timestamp.valueOf(LocalDateTime.now().minusMonths(13)), runId);
        return runId;
    }

    private List<String> addresses(long runId) {
        return jdbc.queryForList("SELECT address FROM bulletin_recipient WHERE run_id = ?", String.class, runId);
    }

    @Test
    void purgesRunsOlderThanTheRetentionOnceADay() {
        home.writeTemplate("letter");
        long first = sentLongAgo("premiere");
        Instant now = Instant.now();

        purge.runIfDue(now);
        assertThat(addresses(first)).containsOnly("");

        long second = sentLongAgo("seconde");
        purge.runIfDue(now.plus(Duration.ofMinutes(1)));
        assertThat(addresses(second)).as("the same day: not again").doesNotContain("");

        purge.runIfDue(now.plus(Duration.ofDays(1)));
        assertThat(addresses(second)).containsOnly("");
    }
}
