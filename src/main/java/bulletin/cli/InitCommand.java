package bulletin.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code init DIR}, as {@code --help} lists it. The entry point runs {@link HomeInstaller} before
 * Spring starts (a new home has no database yet); this command is reached only from inside a
 * running Bulletin, and does the same.
 */
@Component
@Scope("prototype")
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Install a home for a server in DIR (an empty or new folder): the launcher and the jar, the sample,"
                + " an owner-only config/relays.env, cron lines and systemd units with DIR's path.")
class InitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The folder to install in, e.g. /srv/bulletin.")
    String dir;

    @Override
    public Integer call() {
        return HomeInstaller.install(List.of(dir), System.out, System.err);
    }
}
