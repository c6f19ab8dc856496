package bulletin.cli;

import bulletin.campaign.CampaignValidator;
import bulletin.campaign.ValidationReport;
import bulletin.feedback.FeedbackSettings;
import bulletin.home.Locality;
import bulletin.mailbox.MailboxConfigurationException;
import bulletin.mailbox.MailboxException;
import bulletin.mailbox.MailboxSession;
import bulletin.mailbox.Mailboxes;
import bulletin.relay.RelayException;
import bulletin.relay.RelayFactory;
import bulletin.text.Words;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate JOB.yml}: a dry run that says everything it finds; nothing sent, nothing written. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "validate", mixinStandardHelpOptions = true)
class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yml", descriptionKey = "JOB.yml")
    Path jobFile;

    @Option(names = "--period", paramLabel = "YYYY-MM")
    String period;

    @Option(names = "--connect")
    boolean connect;

    private final CampaignValidator validator;
    private final Locality locality;
    private final RelayFactory relays;
    private final Mailboxes mailboxes;
    private final FeedbackSettings feedback;

    ValidateCommand(CampaignValidator validator, Locality locality, RelayFactory relays, Mailboxes mailboxes,
                    FeedbackSettings feedback) {
        this.mailboxes = mailboxes;
        this.feedback = feedback;
        this.validator = validator;
        this.locality = locality;
        this.relays = relays;
    }

    @Override
    public Integer call() {
        ValidationReport report = validator.validate(jobFile, Periods.parse(spec, period, locality));
        PrintWriter out = spec.commandLine().getOut();
        Words words = locality.words();
        new ValidationPrinter(out, words).print(report);
        int code = report.sendable() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        if (connect) {
            out.println();
            if (report.relayName() != null) {
                try {
                    out.println(words.format("validate.connection", relays.handshake(report.relayName())));
                } catch (RelayException e) {
                    out.println(words.format("validate.connection-failed", Said.failure(e, words)));
                    code = ExitCodes.BAD_INPUT;
                }
            }
            if (!checkMailboxes(report, out, words)) {
                code = ExitCodes.BAD_INPUT;
            }
        }
        out.flush();
        return code;
    }

    /**
     * Logs in to each mailbox the campaign will use, one line each: its Sent copy's (a failure
     * there is the run's), and the feedback loop's (bounces and unsubscribes are read there after
     * the send; a mailbox left unconfigured is said, not failed). Returns false when one refused.
     */
    private boolean checkMailboxes(ValidationReport report, PrintWriter out, Words words) {
        Map<String, List<String>> uses = new LinkedHashMap<>();
        if (report.sentCopy() != null) {
            uses.computeIfAbsent(report.sentCopy(), name -> new ArrayList<>()).add(words.get("validate.use.sent-copy"));
        }
        uses.computeIfAbsent(feedback.mailbox(), name -> new ArrayList<>()).add(words.get("validate.use.feedback"));
        boolean ok = true;
        for (Map.Entry<String, List<String>> mailbox : uses.entrySet()) {
            String which = words.format("validate.mailbox", mailbox.getKey(), String.join(", ", mailbox.getValue()));
            try {
                mailboxes.check(mailbox.getKey());
            } catch (MailboxConfigurationException e) {
                boolean needed = mailbox.getValue().contains(words.get("validate.use.sent-copy"));
                out.println(words.format(needed ? "validate.mailbox-failed" : "validate.mailbox-unchecked", which,
                        Said.failure(e, words)));
                ok &= !needed;
                continue;
            }
            try (MailboxSession session = mailboxes.open(mailbox.getKey())) {
                out.println(words.format("validate.mailbox-ok", which, mailboxes.profile(mailbox.getKey()).describe(),
                        mailboxes.profile(mailbox.getKey()).username()));
            } catch (MailboxException e) {
                out.println(words.format("validate.mailbox-failed", which, Said.failure(e, words)));
                ok = false;
            }
        }
        return ok;
    }
}
