package bulletin.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The named sets of ledger states, and how they hold together. */
class DeliveryStatusTest {

    @Test
    void eachSetIsWrittenAsOneSqlListInDeclaredOrder() {
        assertThat(DeliveryStatus.sqlIn("l.status", DeliveryStatus.MAY_HAVE_REACHED))
                .isEqualTo("l.status IN ('SENDING', 'SENT', 'IN_DOUBT', 'BOUNCED')");
        assertThat(DeliveryStatus.sqlIn("status", DeliveryStatus.MAY_BOUNCE)).isEqualTo("status IN ('SENT', 'IN_DOUBT')");
    }

    @Test
    void whatMayHaveReachedSomeoneCountsAgainstTheBudgetAndNothingSetAsideAtStagingDoes() {
        assertThat(DeliveryStatus.COUNTS_AGAINST_BUDGET).containsAll(DeliveryStatus.MAY_HAVE_REACHED);
        assertThat(DeliveryStatus.HANDED_TO_RELAY).containsAll(DeliveryStatus.MAY_BOUNCE);
        for (DeliveryStatus state : DeliveryStatus.values()) {
            if (state.rejectedAtStaging() || state == DeliveryStatus.PENDING) {
                assertThat(DeliveryStatus.COUNTS_AGAINST_BUDGET).as(state.name()).doesNotContain(state);
                assertThat(DeliveryStatus.HANDED_TO_RELAY).as(state.name()).doesNotContain(state);
            }
        }
    }
}
