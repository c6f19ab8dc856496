package bulletin.ledger;

import bulletin.support.MemoryDatabase;

/** The ledger's repositories on a database, built as Spring builds them, for specifications without a context. */
public final class LedgerParts {

    private LedgerParts() {
    }

    public static Ledger ledger(MemoryDatabase database) {
        return new Ledger(database.dataSource(), database.transactions());
    }

    public static Runs runs(MemoryDatabase database) {
        return new Runs(database.dataSource());
    }

    public static SendEvents events(MemoryDatabase database) {
        return new SendEvents(database.dataSource());
    }

    public static CampaignProblems campaignProblems(MemoryDatabase database) {
        return new CampaignProblems(database.dataSource());
    }

    public static LedgerFeedback feedback(MemoryDatabase database) {
        return new LedgerFeedback(database.dataSource());
    }
}
