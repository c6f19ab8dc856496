package bulletin.cli;

import bulletin.database.DatabaseCopy;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code database copy --to URL}: moves this home's database to PostgreSQL. */
@Component
@Scope("prototype")
@Command(name = "database", mixinStandardHelpOptions = true, description = "The database.",
        subcommands = DatabaseCommand.Copy.class)
class DatabaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    @Component
    @Scope("prototype")
    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Copy everything of this home's database (runs, ledger, suppression list, feedback) into a new"
                    + " PostgreSQL database, checked by counting each table on both sides. Run it while no Bulletin"
                    + " process sends; the source is only read.")
    static class Copy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "URL", description = "jdbc:postgresql://HOST:5432/DATABASE")
        String url;

        @Option(names = "--to-username", defaultValue = "bulletin", description = "The PostgreSQL user (default: ${DEFAULT-VALUE}).")
        String username;

        @Option(names = "--to-password-env", defaultValue = "PGPASSWORD", paramLabel = "VARIABLE",
                description = "The environment variable that holds its password (default: ${DEFAULT-VALUE}); never on the"
                        + " command line, where other users could read it.")
        String passwordVariable;

        @Option(names = "--to-password-file", paramLabel = "FILE",
                description = "Or a file (readable by you only) whose first line is the password.")
        java.nio.file.Path passwordFile;

        private final DataSource dataSource;

        Copy(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        private String password() {
            if (passwordFile == null) {
                return System.getenv(passwordVariable);
            }
            try {
                return java.nio.file.Files.readAllLines(passwordFile).stream().findFirst().orElse("").strip();
            } catch (java.io.IOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cannot read " + passwordFile
                        + ": " + e.getMessage());
            }
        }

        @Override
        public Integer call() {
            List<DatabaseCopy.Counted> counted = DatabaseCopy.toPostgres(dataSource, url, username, password());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-30s %10s %10s%n", "table", "here", "copied");
            counted.forEach(c -> out.printf("%-30s %10d %10d%n", c.table(), c.source(), c.target()));
            out.println("Copied and counted. To use it: spring.datasource.url=" + url
                    + " (SPRING_DATASOURCE_URL, with SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD);"
                    + " this home's files are unchanged.");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
