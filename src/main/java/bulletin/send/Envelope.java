package bulletin.send;

import bulletin.ledger.LedgerEntry;
import java.util.List;

/** The recipients of one message: one Bcc envelope. */
record Envelope(List<LedgerEntry> recipients) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    List<String> addresses() {
        return recipients.stream().map(LedgerEntry::address).toList();
    }

    List<Integer> seqs() {
        return recipients.stream().map(LedgerEntry::seq).toList();
    }
}
