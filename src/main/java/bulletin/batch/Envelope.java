package bulletin.batch;

import bulletin.audit.LedgerEntry;
import java.util.List;

/** The recipients of one message: one Bcc envelope. */
record Envelope(List<LedgerEntry> recipients) {

    Envelope {
        recipients = List.copyOf(recipients);
    }

    List<String> addresses() {
        return recipients.stream().map(LedgerEntry::address).toList();
    }

    List<Integer> seqs() {
        return recipients.stream().map(LedgerEntry::seq).toList();
    }
}
