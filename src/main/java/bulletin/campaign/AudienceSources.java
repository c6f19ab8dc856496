package bulletin.campaign;

import bulletin.audience.AddressKeys;
import bulletin.audience.AddressNormalizer;
import bulletin.audience.AudiencePlan;
import bulletin.audience.AudienceReader;
import bulletin.audience.ListCatalog;
import bulletin.home.Workspace;
import bulletin.relay.RelayFactory;
import org.springframework.stereotype.Component;

/** Turns a campaign's {@code recipients:} into a plan and a reader, with the rules of its relay. */
@Component
public class AudienceSources {

    private final Workspace workspace;
    private final RelayFactory relays;
    private final AddressKeys keys;

    AudienceSources(Workspace workspace, RelayFactory relays, AddressKeys keys) {
        this.keys = keys;
        this.workspace = workspace;
        this.relays = relays;
    }

    public ListCatalog catalog() {
        return new ListCatalog(workspace.lists(), workspace::resolve, workspace.fileNames());
    }

    /** Fails on a missing file, an unknown list or an include cycle, before any row is read. */
    public AudiencePlan plan(Campaign campaign) {
        return AudiencePlan.of(campaign.recipients(), catalog());
    }

    public AudienceReader open(Campaign campaign, AudiencePlan plan) {
        // A non-ASCII local part can only be sent through a relay that speaks SMTPUTF8.
        return new AudienceReader(plan, new AddressNormalizer(relays.supportsSmtpUtf8(campaign.relay()), keys),
                workspace.fileNames());
    }
}
