package bulletin.cli;

import bulletin.files.CredentialsFile;
import bulletin.files.OwnerOnly;
import bulletin.text.TerminalWords;
import bulletin.text.Words;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code bulletin init DIR}: a home for an association on a server, in one command, before any
 * database exists (it runs without Spring). The jar and the launcher in place ({@code lib/},
 * {@code bin/}), the sample job, templates and list, an empty credentials file with the setup
 * card's names readable by its owner only, and the cron lines and systemd units filled with the
 * home's path. Nothing is overwritten: a folder that is not empty is refused.
 */
public final class HomeInstaller {

    /** Where the packaged home is in the jar (the pom copies bin/bulletin, jobs/, templates/, data/ there). */
    private static final String PACKAGED = "home/";
    private static final List<String> SAMPLE = List.of("bin/bulletin", "jobs/monthly.yml", "templates/monthly.html.mustache",
            "templates/monthly.txt.mustache", "templates/footer.html.mustache", "templates/footer.txt.mustache",
            "templates/letter-footer.html.mustache", "templates/letter-footer.txt.mustache",
            "templates/images/logo.png", "data/members.csv", "data/lists/bureau.yml");

    private HomeInstaller() {
    }

    /** @return the exit code: 0 installed, 2 refused (a folder in the way, no jar to copy) */
    public static int install(List<String> arguments, PrintStream out, PrintStream err) {
        // Before Spring: the language is the one a --bulletin.locale argument or BULLETIN_LOCALE names, else the default.
        Words words = TerminalWords.in(EarlyLocale.of(arguments));
        List<String> args = arguments.stream().filter(arg -> !arg.startsWith("--bulletin.")).toList();
        if (args.size() == 1 && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
            out.println(words.get("init.usage"));
            return ExitCodes.OK;
        }
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.println("bulletin init: " + words.get("init.give-folder"));
            return ExitCodes.BAD_INPUT;
        }
        Path home = Path.of(args.get(0)).toAbsolutePath().normalize();
        Path jar = runningJar();
        try {
            if (Files.exists(home) && (!Files.isDirectory(home) || hasFiles(home))) {
                err.println("bulletin init: " + words.format("init.not-empty", home));
                return ExitCodes.BAD_INPUT;
            }
            if (jar == null) {
                err.println("bulletin init: " + words.get("init.no-jar"));
                return ExitCodes.BAD_INPUT;
            }
            OwnerOnly.folders(home);
            for (String file : SAMPLE) {
                Path target = home.resolve(file);
                OwnerOnly.folders(target.getParent());
                try (InputStream in = HomeInstaller.class.getClassLoader().getResourceAsStream(PACKAGED + file)) {
                    if (in == null) {
                        throw new IOException("the jar holds no " + file);
                    }
                    Files.copy(in, target);
                }
            }
            Files.setPosixFilePermissions(home.resolve("bin/bulletin"), PosixFilePermissions.fromString("rwx------"));
            OwnerOnly.folders(home.resolve("lib"));
            Files.copy(jar, home.resolve("lib/bulletin.jar"), StandardCopyOption.COPY_ATTRIBUTES);
            OwnerOnly.folders(home.resolve("config/systemd"));
            OwnerOnly.writeString(home.resolve(CredentialsFile.PATH), """
                    # The association's setup card: Bulletin reads this file itself (cron, systemd, schedule,
                    # a terminal). One NAME=value a line; keep it readable by its owner only (chmod 600).
                    # Mailjet: in-v3.mailjet.com, port 587 (STARTTLS): the account's API key and secret key
                    MAILJET_API_KEY=
                    MAILJET_SECRET_KEY=
                    # OVH mailbox: ssl0.ovh.net, port 465 (SSL/TLS), IMAP 993: the whole address and its password
                    MAILBOX_USERNAME=
                    MAILBOX_PASSWORD=
                    """);
            OwnerOnly.writeString(home.resolve("config/cron.txt"), cron(home));
            OwnerOnly.writeString(home.resolve("config/systemd/bulletin-monthly.service"), service(home,
                    "send jobs/monthly.yml", "the monthly newsletter"));
            OwnerOnly.writeString(home.resolve("config/systemd/bulletin-monthly.timer"), timer("the monthly newsletter",
                    "*-*-01 08:00:00 Pacific/Noumea"));
            OwnerOnly.writeString(home.resolve("config/systemd/bulletin-feedback.service"), service(home, "feedback",
                    "the feedback read (bounces, unsubscribes)"));
            OwnerOnly.writeString(home.resolve("config/systemd/bulletin-feedback.timer"), timer("the feedback read",
                    "*:0/15"));
        } catch (IOException e) {
            err.println("bulletin init: " + words.format("init.failed", home, e.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        out.println(words.format("init.done", home, home.resolve(CredentialsFile.PATH)));
        return ExitCodes.OK;
    }

    private static boolean hasFiles(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.findAny().isPresent();
        }
    }

    /** The packaged jar this runs from: the launcher names it, else the class path of java -jar. */
    private static Path runningJar() {
        String named = System.getenv("BULLETIN_RUNNING_JAR");
        for (String candidate : new String[] {named, System.getProperty("java.class.path")}) {
            if (candidate != null && candidate.endsWith(".jar") && !candidate.contains(File.pathSeparator)) {
                Path jar = Path.of(candidate).toAbsolutePath();
                if (Files.isRegularFile(jar)) {
                    return jar;
                }
            }
        }
        return null;
    }

    static String cron(Path home) {
        return """
                # Bulletin's cron lines for the home %1$s: add them to the crontab of the user who owns the home
                # (crontab -e). Cron reads the hours in CRON_TZ, the association's zone.
                CRON_TZ=Pacific/Noumea
                # The monthly newsletter, on the 1st at 8:00
                0 8 1 * *  cd %1$s && bin/bulletin send jobs/monthly.yml >> data/cron.log 2>&1
                # The feedback read (bounces, unsubscribes), every quarter of an hour
                */15 * * * *  cd %1$s && bin/bulletin feedback >> data/cron.log 2>&1
                """.formatted(home);
    }

    private static String service(Path home, String command, String what) {
        return """
                # %3$s: copy to /etc/systemd/system/ with its .timer, then systemctl enable --now the timer
                [Unit]
                Description=Bulletin: %3$s

                [Service]
                Type=oneshot
                User=%4$s
                WorkingDirectory=%1$s
                ExecStart=%1$s/bin/bulletin %2$s
                """.formatted(home, command, what, System.getProperty("user.name"));
    }

    private static String timer(String what, String calendar) {
        return """
                # Persistent=false: a machine that was off at the hour does not send an old letter when it starts
                [Unit]
                Description=Bulletin: %1$s

                [Timer]
                OnCalendar=%2$s
                Persistent=false

                [Install]
                WantedBy=timers.target
                """.formatted(what, calendar);
    }
}
