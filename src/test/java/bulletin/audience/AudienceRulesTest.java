package bulletin.audience;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.MemoryDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast layer's specification of the staging rules, on the real suppression list in memory:
 * each row accepted or set aside with its reason, in input order, across calls whose earlier rows
 * the caller keeps (as the stage step keeps them in the ledger).
 */
class AudienceRulesTest {

    private static final Path FILE = Path.of("data/members.csv");

    private final SuppressionList suppressions = AudienceParts.suppressions(MemoryDatabase.create());
    /** What the caller keeps of the rows judged: their key (null when set aside) and "file:line". */
    private final List<String> keys = new ArrayList<>();
    private final List<AudienceRules.EarlierRow> locations = new ArrayList<>();

    private AudienceRules rules(Map<String, Long> reachedBefore) {
        return new AudienceRules(suppressions, reachedBefore, row -> keys.get(row - 1), row -> locations.get(row - 1));
    }

    private static AudienceEntry row(String address, long line) {
        return new AudienceEntry.Accepted(new Recipient(address, AddressKeys.FOLDED.of(address), null, Map.of(), FILE, line));
    }

    /** Judges the rows numbered from after those kept, and keeps them as the stage step does. */
    private List<AudienceRules.Verdict> judge(AudienceRules rules, AudienceEntry... rows) {
        List<AudienceRules.Verdict> verdicts = rules.judge(List.of(rows), keys.size() + 1);
        for (AudienceRules.Verdict verdict : verdicts) {
            keys.add(verdict instanceof AudienceRules.Accepted accepted ? accepted.recipient().key() : null);
            locations.add(new AudienceRules.EarlierRow(verdict instanceof AudienceRules.Accepted accepted
                    ? accepted.recipient().address() : null, verdict.entry().source() + ":" + verdict.entry().line()));
        }
        return verdicts;
    }

    private static String describe(AudienceRules.Verdict verdict) {
        return verdict instanceof AudienceRules.Rejected rejected ? rejected.kind() + ": " + rejected.reason() : "ACCEPTED";
    }

    @Test
    void aDuplicateNamesTheFirstRowOfItsAddressInThisCallOrAnEarlierOne() {
        AudienceRules rules = rules(Map.of());

        List<AudienceRules.Verdict> first = judge(rules, row("ann@amis.example", 2), row("bob@amis.example", 3),
                row("ann@amis.example", 4));
        List<AudienceRules.Verdict> second = judge(rules, row("bob@amis.example", 5), row("cy@amis.example", 6));

        assertThat(first).extracting(AudienceRulesTest::describe).containsExactly("ACCEPTED", "ACCEPTED",
                "DUPLICATE: same address as data/members.csv:2");
        assertThat(second).extracting(AudienceRulesTest::describe).containsExactly(
                "DUPLICATE: same address as data/members.csv:3", "ACCEPTED");
    }

    @Test
    void anInvalidRowKeepsItsReasonAndIsNoFirstRowForLaterOnes() {
        AudienceRules rules = rules(Map.of());

        List<AudienceRules.Verdict> verdicts = judge(rules,
                new AudienceEntry.Invalid("not-an-address", "Nobody", FILE, 2, "an address needs a local part, '@' and a domain"),
                row("ann@amis.example", 3));

        assertThat(verdicts).extracting(AudienceRulesTest::describe).containsExactly(
                "INVALID: an address needs a local part, '@' and a domain", "ACCEPTED");
    }

    @Test
    void aSuppressedAddressAndOneAnAbandonedRunReachedAreSetAsideBeforeAnyDuplicateTest() {
        suppressions.add("gone@amis.example", SuppressionList.Reason.UNSUBSCRIBED, "by mail");
        AudienceRules rules = rules(Map.of("mailed@amis.example", 4L));

        List<AudienceRules.Verdict> verdicts = judge(rules, row("gone@amis.example", 2), row("mailed@amis.example", 3),
                row("gone@amis.example", 4), row("new@amis.example", 5));

        assertThat(verdicts).extracting(AudienceRulesTest::describe).satisfiesExactly(
                gone -> assertThat(gone).startsWith("SUPPRESSED: on the suppression list (unsubscribed"),
                mailed -> assertThat(mailed).isEqualTo(
                        "SUPPRESSED: already mailed (or maybe) by run 4 of this period, which was abandoned"),
                again -> assertThat(again).startsWith("SUPPRESSED: on the suppression list"),
                fresh -> assertThat(fresh).isEqualTo("ACCEPTED"));
    }

    /** A staging judges by the list as it stood when it began, whether the list is read whole or asked per chunk. */
    @Test
    void theRulesJudgeByTheListAsItStoodWhenTheyWereMade() {
        suppressions.add("Before@Amis.example", SuppressionList.Reason.BOUNCED, null);
        AudienceRules rules = rules(Map.of());
        suppressions.add("after@amis.example", SuppressionList.Reason.UNSUBSCRIBED, "by mail");

        assertThat(judge(rules, row("before@AMIS.example", 2), row("after@amis.example", 3)))
                .extracting(AudienceRulesTest::describe).satisfiesExactly(
                        before -> assertThat(before).startsWith("SUPPRESSED: on the suppression list (bounced"),
                        after -> assertThat(after).isEqualTo("ACCEPTED"));
    }

    /**
     * Up to its limit the list is read whole once (a snapshot: later additions are not in it); past
     * it, each call asks the database, which finds what was added since. Both answer by key, and
     * only for the suppressed ones.
     */
    @Test
    void aListUpToTheLimitIsReadWholeOnceALongerOneIsAskedAtEachCall() {
        for (int i = 0; i < 5; i++) {
            suppressions.add("Member" + i + "@amis.example", SuppressionList.Reason.BOUNCED, null);
        }
        SuppressionList.Lookup whole = suppressions.snapshot(5);
        SuppressionList.Lookup asked = suppressions.snapshot(4);
        suppressions.add("late@amis.example", SuppressionList.Reason.COMPLAINED, null);
        List<String> keys = List.of("member0@amis.example", "member4@amis.example", "late@amis.example", "kept@amis.example");

        assertThat(whole.reasons(keys)).containsOnlyKeys("member0@amis.example", "member4@amis.example");
        assertThat(asked.reasons(keys)).containsOnlyKeys("member0@amis.example", "member4@amis.example", "late@amis.example");
        assertThat(asked.reasons(keys).get("late@amis.example").key()).isEqualTo("audience.suppressed");
        assertThat(whole.reasons(keys).get("member0@amis.example")).isEqualTo(asked.reasons(keys).get("member0@amis.example"));
    }
}
