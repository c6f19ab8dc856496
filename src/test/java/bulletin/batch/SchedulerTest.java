package bulletin.batch;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.campaign.Campaign;
import bulletin.support.TestHome;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The scheduler's decisions at given instants, sending through the real job to the outbox. */
@SpringBootTest
class SchedulerTest {

    static final TestHome home = TestHome.create("schedule");
    static final ZoneId NOUMEA = ZoneId.of("Pacific/Noumea");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
    }

    @Autowired
    Scheduler scheduler;

    private List<Campaign> jobs() {
        home.writeTemplate("letter");
        home.writeRecipients("data/sched.csv", TestHome.members("sched", 3));
        home.writeJob("sched", "sched", "data/sched.csv", 10, "outbox", "schedule: \"0 8 1 * *\"");
        home.writeJob("manual", "manual", "data/sched.csv", 10, "outbox", null);
        return scheduler.scheduled();
    }

    private static Instant at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), NOUMEA).toInstant();
    }

    @Test
    void onlyJobsWithAScheduleAreScheduledAndAFireSendsThePeriodOfItsTime() throws Exception {
        List<Campaign> jobs = jobs();
        assertThat(jobs).extracting(Campaign::name).containsExactly("sched");

        List<RunResult> fired = scheduler.fire(jobs, at("2026-12-01T07:59:00"), at("2026-12-01T08:00:30"));

        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).period()).isEqualTo("2026-12");
        assertThat(fired.get(0).outcome()).as(fired.get(0).problem()).isEqualTo(RunResult.Outcome.COMPLETED);
        try (var files = Files.list(home.path("data/outbox/sched/2026-12"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".eml"))).hasSize(1);
        }

        List<RunResult> again = scheduler.fire(jobs, at("2026-12-01T07:59:00"), at("2026-12-01T08:00:30"));
        assertThat(again).extracting(RunResult::outcome).containsExactly(RunResult.Outcome.ALREADY_COMPLETED);
        assertThat(scheduler.fire(jobs, at("2026-12-01T08:00:30"), at("2026-12-20T00:00:00"))).isEmpty();
    }

    @Test
    void aLateStartSendsAMissedFireOnlyWithinTheGraceWindow() {
        List<Campaign> jobs = jobs();
        Duration grace = Duration.ofHours(6);

        Instant soonAfter = at("2027-01-01T10:00:00");
        assertThat(scheduler.due(jobs, soonAfter.minus(grace), soonAfter)).extracting(f -> f.at().toLocalDateTime().toString())
                .containsExactly("2027-01-01T08:00");
        Instant daysAfter = at("2027-01-03T09:00:00");
        assertThat(scheduler.due(jobs, daysAfter.minus(grace), daysAfter)).isEmpty();
    }
}
