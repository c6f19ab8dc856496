package bulletin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.mail.Transport;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The house of docs/ARCHITECTURE.md, held to the code: which package may use which (the table
 * below is the page's table), no cycle between packages, Spring Batch in batch/ only and every
 * file of batch/ using it. ArchUnit's {@code check} fails the test with every violation listed.
 */
class ArchitectureTest {

    /** Each package and the packages it may use; anything not listed is never allowed. */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("problem", Set.of()),
            Map.entry("text", Set.of()),
            Map.entry("stop", Set.of()),
            Map.entry("logging", Set.of("text")),
            Map.entry("files", Set.of("text")),
            Map.entry("database", Set.of("files", "problem", "text")),
            Map.entry("yaml", Set.of("problem", "text")),
            Map.entry("tls", Set.of("problem", "text")),
            Map.entry("message", Set.of("problem", "text")),
            Map.entry("relay", Set.of("files", "problem", "text", "tls")),
            Map.entry("mailbox", Set.of("problem", "text", "tls")),
            Map.entry("home", Set.of("problem", "text")),
            Map.entry("ledger", Set.of("files", "message")),
            Map.entry("audience", Set.of("problem", "text", "yaml")),
            Map.entry("campaign", Set.of("audience", "files", "home", "ledger", "mailbox", "message", "relay", "run", "problem", "text",
                    "yaml")),
            Map.entry("run", Set.of("database", "files", "home", "ledger", "message", "problem", "text")),
            Map.entry("feedback", Set.of("audience", "home", "ledger", "mailbox", "message", "relay", "problem", "text")),
            Map.entry("send", Set.of("feedback", "home", "ledger", "mailbox", "message", "relay", "run", "stop", "problem", "text")),
            Map.entry("notify", Set.of("feedback", "files", "home", "ledger", "relay", "run", "text")),
            Map.entry("batch", Set.of("audience", "campaign", "feedback", "home", "ledger", "message", "notify", "relay", "report", "run",
                    "send", "stop", "problem", "text", "yaml")),
            Map.entry("report", Set.of("audience", "files", "home", "ledger", "relay", "run", "text")),
            Map.entry("retention", Set.of("audience", "feedback", "files", "home", "ledger", "text")),
            Map.entry("schedule", Set.of("batch", "campaign", "feedback", "home", "ledger", "notify", "retention", "run", "stop",
                    "problem", "text", "yaml")),
            Map.entry("cli", Set.of("audience", "batch", "campaign", "database", "feedback", "files", "home", "ledger", "mailbox",
                    "message", "notify", "relay", "report", "retention", "run", "schedule", "send", "stop", "problem", "text", "yaml")));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("bulletin");

    @Test
    void theRulesReadTheWholeApplication() {
        // Rules over no classes would pass whatever the code: every package of the table must be found.
        Set<String> found = new TreeSet<>();
        MAIN.forEach(type -> found.add(type.getPackageName()));
        assertThat(found).containsAll(MAY_USE.keySet().stream().map(name -> "bulletin." + name).toList());
        assertThat(MAIN.size()).isGreaterThan(150);
    }

    @Test
    void eachPackageUsesOnlyThePackagesTheArchitectureAllowsIt() {
        Set<String> all = new TreeSet<>(MAY_USE.keySet());
        MAY_USE.forEach((name, allowed) -> {
            String[] forbidden = all.stream().filter(other -> !other.equals(name) && !allowed.contains(other))
                    .map(other -> "bulletin." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("bulletin." + name + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("docs/ARCHITECTURE.md lets " + name + "/ use only " + new TreeSet<>(allowed))
                    .check(MAIN);
        });
    }

    @Test
    void everyPackageIsInTheArchitecture() {
        classes().that().resideOutsideOfPackage("bulletin")
                .should().resideInAnyPackage(MAY_USE.keySet().stream().map(name -> "bulletin." + name).toArray(String[]::new))
                .because("a new package gets its line in docs/ARCHITECTURE.md and in MAY_USE")
                .check(MAIN);
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("bulletin.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * The relay is transport-neutral: SMTP (Angus's transport, Jakarta Mail's Transport) is known
     * to relay/ only, and the send loop hands a relay composed bytes without touching Jakarta Mail.
     */
    @Test
    void smtpIsKnownToTheRelayOnlyAndTheSendLoopHandsItBytes() {
        noClasses().that().resideOutsideOfPackage("bulletin.relay")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.angus.mail.smtp..")
                .orShould().dependOnClassesThat().areAssignableTo(Transport.class)
                .because("docs/ARCHITECTURE.md keeps the SMTP transport behind relay.Relay")
                .check(MAIN);
        noClasses().that().resideInAPackage("bulletin.send").and().doNotHaveSimpleName("SentCopy")
                .should().dependOnClassesThat().resideInAPackage("jakarta.mail..")
                .because("the send loop hands a relay composed bytes and an envelope (SentCopy files a message in a mailbox)")
                .check(MAIN);
    }

    @Test
    void springBatchIsKnownToBatchOnlyAndEveryFileOfBatchUsesIt() {
        noClasses().that().resideOutsideOfPackage("bulletin.batch")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.batch..")
                .check(MAIN);
        classes().that().resideInAPackage("bulletin.batch").and().areTopLevelClasses()
                .should().dependOnClassesThat().resideInAPackage("org.springframework.batch..")
                .check(MAIN);
    }
}
