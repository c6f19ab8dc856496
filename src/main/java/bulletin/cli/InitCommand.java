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
@Command(name = "init", mixinStandardHelpOptions = true)
class InitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", descriptionKey = "DIR")
    String dir;

    @Override
    public Integer call() {
        return HomeInstaller.install(List.of(dir), System.out, System.err);
    }
}
