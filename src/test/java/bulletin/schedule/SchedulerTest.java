package bulletin.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.campaign.Campaign;
import bulletin.run.RunResult;
import bulletin.support.TestHome;
import bulletin.text.Sentence;
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

    @Test
    void atStartItSaysWhenEachJobFiresNextInTheAssociationsZone() {
        List<String> plan = scheduler.plan(jobs(), at("2026-11-30T11:07:00")).stream().map(Sentence::english).toList();

        assertThat(plan).containsExactly("sched (0 0 8 1 * *): next at 2026-12-01 08:00 Pacific/Noumea");
    }

    @Test
    void aMissedFireOlderThanTheGraceIsReportedWithTheCommandNotSent() {
        List<Campaign> jobs = jobs();

        List<String> skipped = scheduler.skipped(jobs, at("2027-02-03T09:00:00"), Duration.ofHours(6)).stream()
                .map(Sentence::english).toList();

        assertThat(skipped).containsExactly("sched 2027-02 was due 2027-02-01 08:00 Pacific/Noumea, more than 6 h ago"
                + " (the grace window): not sent now. To send it anyway: bulletin send jobs/sched.yml --period 2027-02");
        assertThat(home.path("data/outbox/sched/2027-02")).doesNotExist();
    }

    @Test
    void aFailedRunIsTriedAgainWithAGrowingWaitWithinItsGraceOnlyAndABudgetStopWhenTheBudgetFrees() {
        Scheduler.Fire fire = new Scheduler.Fire(home.path("jobs/sched.yml"), "sched", at("2027-03-01T08:00:00").atZone(NOUMEA));
        Duration grace = Duration.ofHours(6);
        RunResult failed = result(RunResult.Outcome.FAILED, false, null);

        Instant first = at("2027-03-01T08:01:00");
        assertThat(scheduler.followUp(fire, failed, 0, first, grace)).get()
                .satisfies(retry -> assertThat(retry.at()).isEqualTo(first.plus(Duration.ofMinutes(1))));
        assertThat(scheduler.followUp(fire, failed, 3, first, grace)).get()
                .satisfies(retry -> assertThat(retry.at()).isEqualTo(first.plus(Duration.ofMinutes(8))));
        assertThat(scheduler.followUp(fire, failed, 1, at("2027-03-01T13:59:00"), grace)).as("past the window").isEmpty();
        assertThat(scheduler.followUp(fire, result(RunResult.Outcome.FAILED, true, null), 0, first, grace))
                .as("bad input is not retried").isEmpty();

        Instant frees = at("2027-03-01T09:00:00");
        assertThat(scheduler.followUp(fire, result(RunResult.Outcome.STOPPED, false, frees), 0, first, grace)).get()
                .satisfies(retry -> assertThat(retry.at()).isEqualTo(frees.plus(Duration.ofMinutes(1))));
    }

    private static RunResult result(RunResult.Outcome outcome, boolean input, Instant resumeAt) {
        return new RunResult(1, 1, "sched", "2027-03", outcome, new bulletin.ledger.StatusCounts(java.util.Map.of()),
                "the relay is down", input, null, null, "jobs/sched.yml", resumeAt, null, null, null, 0);
    }
}
