package bulletin.cli;

import bulletin.database.DatabaseCopy;
import bulletin.home.Locality;
import bulletin.text.Words;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
@Command(name = "database", mixinStandardHelpOptions = true,
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
    @Command(name = "copy", mixinStandardHelpOptions = true)
    static class Copy implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "URL")
        String url;

        @Option(names = "--to-username", defaultValue = "bulletin")
        String username;

        @Option(names = "--to-password-env", defaultValue = "PGPASSWORD", paramLabel = "VARIABLE")
        String passwordVariable;

        @Option(names = "--to-password-file", paramLabel = "FILE")
        Path passwordFile;

        private final DataSource dataSource;
        private final Words words;

        Copy(DataSource dataSource, Locality locality) {
            this.dataSource = dataSource;
            this.words = locality.words();
        }

        private String password() {
            if (passwordFile == null) {
                return System.getenv(passwordVariable);
            }
            try {
                return Files.readAllLines(passwordFile).stream().findFirst().orElse("").strip();
            } catch (IOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), words.format("database.password-file",
                        passwordFile, e.getMessage()));
            }
        }

        @Override
        public Integer call() {
            List<DatabaseCopy.Counted> counted = DatabaseCopy.toPostgres(dataSource, url, username, password());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-30s %10s %10s%n", words.get("database.table"), words.get("database.here"), words.get("database.copied"));
            counted.forEach(c -> out.printf("%-30s %10d %10d%n", c.table(), c.source(), c.target()));
            out.println(words.format("database.copied-done", url));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
