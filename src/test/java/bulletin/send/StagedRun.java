package bulletin.send;

import bulletin.ledger.DeliveryStatus;
import bulletin.ledger.Ledger;
import bulletin.ledger.RunContent;
import bulletin.ledger.RunRecord;
import bulletin.ledger.Runs;
import bulletin.ledger.StagedRow;
import bulletin.message.AddressingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A run written into the ledger as the stage and render steps leave it: rows PENDING, content frozen. */
final class StagedRun {

    private StagedRun() {
    }

    /** Members m1@amis.example … mN@amis.example. */
    static List<String> members(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            addresses.add("m" + i + "@amis.example");
        }
        return addresses;
    }

    static long stage(Ledger ledger, Runs runs, long runId, String relay, int envelopeSize, List<String> addresses) {
        runs.saveRun(new RunRecord(runId, "spec", "2026-11", "jobs/spec.yml", relay, "Bureau <bureau@amis.example>",
                null, "Membres de Spec:;", envelopeSize, Instant.now(), null, "named in the job file", null));
        List<StagedRow> rows = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            rows.add(StagedRow.pending(addresses.get(i), addresses.get(i), null, "data/spec.csv", i + 2, null));
        }
        ledger.stage(runId, 1, rows);
        runs.markStaged(runId);
        runs.saveContent(runId, new RunContent(AddressingMode.BCC, "La lettre", "<p>Bonjour.</p>", "Bonjour.\n",
                "Spec", "spec.amis.example", null, null, List.of(), Map.of(), Map.of()));
        return runId;
    }

    static long count(Ledger ledger, long runId, DeliveryStatus state) {
        return ledger.counts(runId).get(state);
    }
}
