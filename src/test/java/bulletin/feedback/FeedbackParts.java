package bulletin.feedback;

import bulletin.audience.AudienceParts;
import bulletin.ledger.LedgerParts;
import bulletin.support.MemoryDatabase;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What the feedback loop does to the lists, on a database, with Boot's default settings, for specifications without a context. */
public final class FeedbackParts {

    private FeedbackParts() {
    }

    public static FeedbackActions actions(MemoryDatabase database) {
        FeedbackSettings settings = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("bulletin.feedback", FeedbackSettings.class);
        return new FeedbackActions(AudienceParts.suppressions(database), LedgerParts.feedback(database),
                new FeedbackStore(database.dataSource()), settings, LedgerParts.campaignProblems(database));
    }
}
