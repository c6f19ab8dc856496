package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.support.TestHome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * A French secretary at the terminal ({@code bulletin.locale: fr-FR}, whatever the machine's
 * language): the help, the summary of a send and the main failures are French, with no English
 * sentence among them. Commands, option names, states and file names stay as they are.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class FrenchTerminalTest {

    static final TestHome home = TestHome.create("french");
    /** A port nothing listens on: the relay is down. */
    static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        home.register(registry);
        registry.add("bulletin.locale", () -> "fr-FR");
        registry.add("bulletin.relays.down.host", () -> "127.0.0.1");
        registry.add("bulletin.relays.down.port", () -> CLOSED_PORT);
        registry.add("bulletin.relays.down.security", () -> "none");
        registry.add("bulletin.relays.down.retry.max-attempts", () -> 1);
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** English words no French sentence holds, matched as whole lower-case words. */
    private static final Pattern ENGLISH = Pattern.compile("\\b(the|was|were|is|are|not|nothing|and|to|of|with|it|this|"
            + "which|been|has|have|will|from|for|by|no|check|missing|unknown|there|sent|send|run|lists|file|"
            + "sending|recipients|completed|failed|stopped|kept|relay|report|written|usage|show|help)\\b");

    @Autowired
    CommandLineHarness cli;

    @Autowired
    ApplicationContext context;

    @Test
    void theMainFailuresAreSaidInFrench() {
        home.writeTemplate("letter");
        home.writeJob("absent", "absent", "data/absent.csv", 5, "outbox", null);
        home.write("data/sans-adresse.csv", "Prénom,Nom\nAmélie,Martin\n");
        home.writeJob("sans-adresse", "sans-adresse", "data/sans-adresse.csv", 5, "outbox", null);
        home.writeRecipients("data/trois.csv", TestHome.members("trois", 3));
        home.writeJob("relais-arrete", "relais-arrete", "data/trois.csv", 5, "down", null);
        home.write("jobs/faute.yml", "name: faute\nfrom: a@amis.example\nsubjet: x\n");
        home.write("templates/trou.txt.mustache", "Bonjour {{prenom_inconnu}}\n");
        home.write("jobs/trou.yml", "name: trou\nfrom: a@amis.example\nsubject: s\ntemplate: trou\n"
                + "recipients: [data/trois.csv]\nrelay: outbox\n");
        home.writeJob("inconnu", "inconnu", "data/trois.csv", 5, "nulle-part", null);
        home.writeJob("jointe", "jointe", "data/trois.csv", 5, "outbox", "attachments:\n  - config/relays.env");

        List<String> said = new ArrayList<>();
        said.add(said(2, "send", "--bogus"));
        said.add(said(2, "send", "--to", "a@amis.example"));
        said.add(said(2, "restart", "99"));
        said.add(said(2, "send", "jobs/nope.yml"));
        said.add(said(2, "send", "jobs/absent.yml", "--period", "2026-11"));
        said.add(said(2, "send", "jobs/sans-adresse.yml", "--period", "2026-11"));
        said.add(said(1, "send", "jobs/relais-arrete.yml", "--period", "2026-11"));
        said.add(said(2, "send", "jobs/faute.yml"));
        said.add(said(2, "send", "jobs/trou.yml", "--period", "2026-11"));
        said.add(said(2, "validate", "jobs/inconnu.yml", "--period", "2026-11"));
        said.add(said(2, "send", "jobs/jointe.yml", "--period", "2026-11"));

        assertThat(said.get(0)).contains("option inconnue '--bogus'").contains("bulletin send --help");
        assertThat(said.get(1)).contains("il manque --template, --subject, --from");
        assertThat(said.get(2)).contains("il n'y a pas d'envoi 99");
        assertThat(said.get(3)).contains("jobs/nope.yml : ce fichier n'existe pas");
        assertThat(said.get(4)).contains("data/absent.csv : ce fichier de destinataires n'existe pas");
        assertThat(said.get(5)).contains("pas de colonne d'adresse dans la ligne d'en-tête [Prénom, Nom]");
        assertThat(said.get(6)).contains("a ÉCHOUÉ : impossible de se connecter au relais down")
                .contains("la connexion a été refusée").contains("Gardé : 0 envoyés, 3 encore à envoyer")
                .contains("Relancez la même commande");
        assertThat(said.get(7)).contains("jobs/faute.yml:3 : clé inconnue 'subjet'");
        assertThat(said.get(8)).contains("templates/trou.txt.mustache ligne 1 : pas de valeur pour 'prenom_inconnu'")
                .contains("Rien n'a été envoyé.");
        assertThat(said.get(9)).contains("ne peut pas être envoyée en l'état").contains("À corriger avant l'envoi :")
                .contains("le relais 'nulle-part' n'est pas défini");
        assertThat(said.get(10)).contains("jobs/jointe.yml:13 : la pièce jointe 'config/relays.env' est un fichier caché ou de"
                + " réglages");
        said.forEach(text -> assertThat(english(text)).as(text).isEmpty());
    }

    @Test
    void aSendAndItsRepeatAreSummedUpInFrench(CapturedOutput output) {
        home.writeTemplate("letter");
        home.writeRecipients("data/membres.csv", TestHome.members("fr", 7));
        home.writeJob("mensuelle", "mensuelle", "data/membres.csv", 5, "outbox", null);

        assertThat(cli.run("send", "jobs/mensuelle.yml", "--period", "2026-11")).as(cli.err()).isZero();
        String first = cli.out();
        assertThat(cli.run("send", "jobs/mensuelle.yml", "--period", "2026-11")).isZero();
        String again = cli.out();

        assertThat(first).contains("Campagne mensuelle 2026-11 (envoi ").contains(") terminée.")
                .containsPattern("état +nombre").contains("Audit : ").contains("(à ouvrir dans un navigateur)");
        assertThat(again).contains("était déjà envoyée : rien n'a été envoyé cette fois.");
        assertThat(english(first)).isEmpty();
        assertThat(english(again)).isEmpty();
        // The lines the terminal shows while it sends (the log file keeps them in English).
        assertThat(output.getOut()).contains("Envoi ").contains(" : envoi à 7 destinataires par outbox")
                .contains(" : cette tentative a traité 7 des 7 destinataires à envoyer");
        assertThat(cli.run("status", "mensuelle")).isZero();
        assertThat(cli.out()).containsPattern("envoi +campagne +période +état").contains("Heures de Pacific/Noumea");
        assertThat(english(cli.out())).isEmpty();
    }

    @Test
    void theHelpIsFrenchAndEveryOptionHasItsWordsInBothLanguages() {
        assertThat(cli.run("send", "--help")).isZero();
        assertThat(cli.out()).startsWith("Utilisation : bulletin send").contains("Affiche cette aide et s'arrête.")
                .contains("Le mois de cet envoi").contains("Un envoi ponctuel, sans fichier de tâche :");
        assertThat(cli.run()).isEqualTo(2);
        assertThat(cli.err()).contains("Commandes :");

        // Every command, option and parameter of the tree says something, in English and in French.
        for (Locale locale : List.of(Locale.ROOT, Locale.FRENCH)) {
            CommandLine root = CommandLineRun.newCommandLine(context);
            root.setResourceBundle(ResourceBundle.getBundle(CommandLineRun.HELP, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
            assertThat(undescribed(root)).as("without words in %s", locale).isEmpty();
        }
    }

    private static List<String> undescribed(CommandLine command) {
        List<String> missing = new ArrayList<>();
        var spec = command.getCommandSpec();
        String name = spec.qualifiedName(".");
        if (String.join("", spec.usageMessage().description()).isBlank()) {
            missing.add(name);
        }
        spec.options().stream().filter(option -> String.join("", option.description()).isBlank())
                .forEach(option -> missing.add(name + " " + option.longestName()));
        spec.positionalParameters().stream()
                .filter(parameter -> !parameter.paramLabel().equals("ADDRESS") && !parameter.paramLabel().equals("FILE"))
                .filter(parameter -> String.join("", parameter.description()).isBlank())
                .forEach(parameter -> missing.add(name + " " + parameter.paramLabel()));
        command.getSubcommands().values().forEach(sub -> missing.addAll(undescribed(sub)));
        return missing;
    }

    private String said(int exitCode, String... args) {
        assertThat(cli.run(args)).as(String.join(" ", args) + ": " + cli.err()).isEqualTo(exitCode);
        return cli.out() + cli.err();
    }

    /** The English words left once commands, options, states, paths and addresses are set aside. */
    private static List<String> english(String text) {
        String prose = text.replaceAll("clés connues : [^\n]*", " ") // a job file's keys are its keys, in any language
                .replaceAll("bulletin [a-z-]+( [a-z-]+)?", " ")
                .replaceAll("--[a-z-]+(=\\S*)?", " ")
                .replaceAll("\\S*[/@.]\\S*", " ");
        List<String> found = new ArrayList<>();
        Matcher matcher = ENGLISH.matcher(prose);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
