package bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.StatusCounts;
import bulletin.run.RunResult;
import bulletin.text.TerminalWords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary of a run that did not finish accounts for everyone: no state with people in it goes unsaid. */
class RunSummaryPrinterTest {

    private static String printed(RunResult.Outcome outcome, Map<DeliveryStatus, Long> counts) {
        return printed(outcome, counts, Locale.ENGLISH);
    }

    private static String printed(RunResult.Outcome outcome, Map<DeliveryStatus, Long> counts, Locale locale) {
        StringWriter text = new StringWriter();
        RunResult result = new RunResult(7, 9, "lettre", "2026-11", outcome, new StatusCounts(counts),
                "the relay is gone", false, null, null, null, null, null, null, null, 0);
        new RunSummaryPrinter(new PrintWriter(text, true), TerminalWords.in(locale)).print(result);
        return text.toString();
    }

    @Test
    void aFailedRunNamesEveryoneItKept() {
        String summary = printed(RunResult.Outcome.FAILED, Map.of(DeliveryStatus.SENT, 3L, DeliveryStatus.PENDING, 2L,
                DeliveryStatus.IN_DOUBT, 5L, DeliveryStatus.REFUSED, 4L, DeliveryStatus.FAILED, 1L, DeliveryStatus.SENDING, 6L));

        assertThat(summary).contains("Kept: 3 sent, 2 still to send, 5 in doubt, 6 being sent when it stopped (the next"
                + " attempt finds them in doubt), 4 refused by the relay, 1 failed after the retries; nobody is mailed twice");
    }

    @Test
    void aStoppedRunWhoseRecipientsWereAllRefusedDoesNotSayItKeptNobody() {
        String summary = printed(RunResult.Outcome.STOPPED, Map.of(DeliveryStatus.REFUSED, 5L));

        assertThat(summary).contains("Kept: 0 sent, 0 still to send, 5 refused by the relay;");
    }

    @Test
    void anAttemptThatReadTheRunFromAboveSaysWhichRowsItsAuditListsAndHowToGetTheWholeRun() {
        RunResult restart = new RunResult(7, 9, "lettre", "2026-11", RunResult.Outcome.COMPLETED,
                new StatusCounts(Map.of(DeliveryStatus.SENT, 1000L)), null, false, "data/reports/lettre-2026-11-run7-exec9.csv",
                null, null, null, null, null, null, 900);
        RunResult whole = new RunResult(7, 9, "lettre", "2026-11", RunResult.Outcome.COMPLETED,
                new StatusCounts(Map.of(DeliveryStatus.SENT, 1000L)), null, false, "data/reports/lettre-2026-11-run7-exec9.csv",
                null, null, null, null, null, null, 0);

        assertThat(printed(restart, Locale.ENGLISH)).contains("Audit: data/reports/lettre-2026-11-run7-exec9.csv (recipients from"
                + " number 901 on, the ones this attempt read; the whole run: bulletin audit 7 --csv FILE)");
        assertThat(printed(restart, Locale.FRANCE)).contains("Audit : data/reports/lettre-2026-11-run7-exec9.csv (destinataires à"
                + " partir du n° 901, ceux que cette tentative a lus ; tout l'envoi : bulletin audit 7 --csv FICHIER)");
        assertThat(printed(whole, Locale.ENGLISH)).contains("Audit: data/reports/lettre-2026-11-run7-exec9.csv" + System.lineSeparator())
                .doesNotContain("this attempt read");
    }

    private static String printed(RunResult result, Locale locale) {
        StringWriter text = new StringWriter();
        new RunSummaryPrinter(new PrintWriter(text, true), TerminalWords.in(locale)).print(result);
        return text.toString();
    }

    @Test
    void aFrenchSecretaryReadsTheSameAccountInFrench() {
        String summary = printed(RunResult.Outcome.FAILED, Map.of(DeliveryStatus.SENT, 3L, DeliveryStatus.PENDING, 2L,
                DeliveryStatus.IN_DOUBT, 5L), Locale.FRANCE);

        assertThat(summary).contains("a ÉCHOUÉ")
                .contains("Gardé : 3 envoyés, 2 encore à envoyer, 5 incertains ; personne ne reçoit deux fois")
                .contains("Relancez la même commande pour reprendre là où l'envoi s'est arrêté, ou : bulletin restart 7")
                .doesNotContain("Kept").doesNotContain("Run the same command");
    }
}
