package bulletin.cli;

import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;

/** The root command: {@code bulletin <subcommand>}. */
@Component
@Command(name = "bulletin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Sends newsletters in Bcc chunks through an SMTP relay, restartable and audited per recipient.",
        subcommands = {SendCommand.class, ValidateCommand.class, SuppressCommand.class})
class BulletinCommand {
}
