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
        return new AudienceEntry.Accepted(new Recipient(address, address, null, Map.of(), FILE, line));
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
}
