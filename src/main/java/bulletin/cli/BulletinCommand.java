package bulletin.cli;

import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code bulletin <subcommand>}. */
@Component
@Scope("prototype") // picocli keeps option values in the object: a fresh one per command line
@Command(name = "bulletin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {SendCommand.class, RestartCommand.class, AbandonCommand.class, StatusCommand.class,
                AuditCommand.class, ValidateCommand.class, PreviewCommand.class, ListsCommand.class, SuppressCommand.class,
                ScheduleCommand.class, FeedbackCommand.class, DatabaseCommand.class, PurgeCommand.class, ReportCommand.class,
                InitCommand.class})
class BulletinCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** No subcommand: say what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
