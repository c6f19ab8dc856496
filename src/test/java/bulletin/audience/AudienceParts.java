package bulletin.audience;

import bulletin.support.MemoryDatabase;

/** The suppression list on a database, built as Spring builds it, for specifications without a context. */
public final class AudienceParts {

    private AudienceParts() {
    }

    public static SuppressionList suppressions(MemoryDatabase database) {
        return new SuppressionList(database.dataSource(), AddressKeys.FOLDED);
    }

    /** The list asked at each call, as a staging asks one longer than its snapshot's limit (the list must hold an address). */
    public static SuppressionList.Lookup askedAtEachCall(SuppressionList suppressions) {
        return suppressions.snapshot(0);
    }
}
