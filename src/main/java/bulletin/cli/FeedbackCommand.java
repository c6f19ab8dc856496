package bulletin.cli;

import bulletin.feedback.FeedbackReport;
import bulletin.feedback.FeedbackSettings;
import bulletin.feedback.MailboxFeedback;
import bulletin.feedback.MailjetFeedback;
import bulletin.home.Locality;
import bulletin.mailbox.MailboxConfigurationException;
import bulletin.mailbox.MailboxException;
import bulletin.notify.Notifier;
import bulletin.text.Words;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback}: reads bounces, complaints and unsubscribe requests into the suppression list, once. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "feedback", mixinStandardHelpOptions = true)
class FeedbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mailbox", paramLabel = "NAME")
    String mailbox;

    @Option(names = "--dry-run")
    boolean dryRun;

    private final MailboxFeedback feedback;
    private final MailjetFeedback mailjet;
    private final FeedbackSettings settings;
    private final Words words;
    private final Notifier notifier;

    FeedbackCommand(MailboxFeedback feedback, MailjetFeedback mailjet, FeedbackSettings settings, Notifier notifier,
                    Locality locality) {
        this.words = locality.words();
        this.notifier = notifier;
        this.feedback = feedback;
        this.mailjet = mailjet;
        this.settings = settings;
    }

    @Override
    public Integer call() {
        String name = mailbox != null ? mailbox : settings.mailbox();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code = ExitCodes.OK;
        boolean campaignProblem = false;
        List<FeedbackReport> reports = new ArrayList<>();
        try {
            FeedbackReport report = feedback.read(name, dryRun);
            reports.add(report);
            report.print(out, words);
            campaignProblem = report.campaignProblems();
            if (!report.allRead()) {
                code = ExitCodes.RUN_FAILED; // not everything was read: cron must hear of it
            }
        } catch (MailboxConfigurationException e) {
            err.println("bulletin: " + words.format("feedback.mailbox-not-read", Said.failure(e, words)));
            code = ExitCodes.BAD_INPUT;
        } catch (MailboxException e) {
            err.println("bulletin: " + words.format("feedback.mailbox-unreachable", Said.failure(e, words)));
            code = ExitCodes.RUN_FAILED;
            if (!dryRun) {
                notifier.failed("mailbox", e.getMessage()); // from cron, nobody reads err: once a day by mail
            }
        }
        for (FeedbackReport report : mailjet.pull(dryRun)) {
            reports.add(report);
            report.print(out, words);
            if (!report.complete() && code == ExitCodes.OK) {
                code = ExitCodes.RUN_FAILED;
            }
            if (!report.complete() && !dryRun) {
                notifier.failed("mailjet", report.failure());
            }
            campaignProblem |= report.campaignProblems();
        }
        if (campaignProblem && code == ExitCodes.OK) {
            code = ExitCodes.CAMPAIGN_PROBLEM; // cron must notice: the next run would be refused the same way
        }
        if (!dryRun) {
            notifier.read(reports); // the secretary hears of a changed list (bulletin.notify.to)
        }
        out.flush();
        err.flush();
        return code;
    }
}
