package bulletin.cli;

import java.io.StringWriter;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/** Runs the command line in-process, as the jar does, and keeps what one run printed. A test bean. */
@org.springframework.stereotype.Component
class CommandLineHarness {

    private final ApplicationContext context;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    CommandLineHarness(ApplicationContext context) {
        this.context = context;
    }

    /** Runs one command line; its output replaces the previous one's. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = CommandLineRun.newCommandLine(context);
        commandLine.setOut(CommandLineRun.terminal(out)); // as the terminal gets it: escapes from outside shown, not obeyed
        commandLine.setErr(CommandLineRun.terminal(err));
        return commandLine.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
