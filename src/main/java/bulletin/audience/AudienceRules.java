package bulletin.audience;

import bulletin.text.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The staging rules, written once: each row of an audience, in input order, is either accepted or
 * set aside with its reason — not an address, on the suppression list, already mailed by an
 * abandoned run of the period, or the same address as an earlier row. The stage step and
 * {@code validate} both ask it, so that a dry run says exactly what a send will do.
 *
 * <p>Rows are numbered from 1 in input order. The caller keeps the rows judged in earlier calls
 * (the stage step in the ledger, validate in memory) and lends them back by number, so that a
 * million-row audience is never held here.
 */
public final class AudienceRules {

    /** Why a row is set aside; the ledger has a state of the same name for each. */
    public enum SetAside { INVALID, SUPPRESSED, DUPLICATE }

    /** What becomes of one row. */
    public sealed interface Verdict {
        AudienceEntry entry();
    }

    public record Accepted(AudienceEntry.Accepted entry) implements Verdict {
        public Recipient recipient() {
            return entry.recipient();
        }
    }

    public record Rejected(AudienceEntry entry, SetAside kind, Sentence said) implements Verdict {

        /** In English, as the ledger and the audit keep it. */
        public String reason() {
            return said.english();
        }
    }

    /** A row judged in an earlier call, as a duplicate names it: its address as written and its "file:line". */
    public record EarlierRow(String address, String location) {
    }

    private final SuppressionList.Lookup suppressions;
    private final Map<String, Long> reachedBefore;
    private final IntFunction<String> keyOfEarlierRow;
    private final IntFunction<EarlierRow> earlierRow;
    private final SeenAddresses seen;
    private int batchStart;
    private List<Verdict> batch = List.of();

    /**
     * @param suppressions         the suppression list, as it stands now: every call judges by it ({@link SuppressionList#snapshot})
     * @param reachedBefore        address keys an abandoned run of the period mailed (or may have), with its run
     * @param keyOfEarlierRow      the address key of an accepted row of an earlier call
     * @param earlierRow           a row of an earlier call: its address as written and "file:line"
     */
    public AudienceRules(SuppressionList suppressions, Map<String, Long> reachedBefore, IntFunction<String> keyOfEarlierRow,
                         IntFunction<EarlierRow> earlierRow) {
        this.suppressions = suppressions.snapshot();
        this.reachedBefore = reachedBefore;
        this.keyOfEarlierRow = keyOfEarlierRow;
        this.earlierRow = earlierRow;
        this.seen = new SeenAddresses(this::keyOfRow);
    }

    /** The verdicts of the next rows, numbered from {@code firstRow}; one suppression lookup for all of them. */
    public List<Verdict> judge(List<? extends AudienceEntry> rows, int firstRow) {
        Map<String, Sentence> suppressed = suppressions.reasons(rows.stream()
                .filter(AudienceEntry.Accepted.class::isInstance)
                .map(entry -> ((AudienceEntry.Accepted) entry).recipient().key())
                .toList());
        batchStart = firstRow;
        batch = new ArrayList<>(rows.size());
        for (AudienceEntry entry : rows) {
            batch.add(verdict(entry, suppressed, firstRow + batch.size()));
        }
        List<Verdict> judged = batch;
        batch = List.of();
        return judged;
    }

    private Verdict verdict(AudienceEntry entry, Map<String, Sentence> suppressed, int row) {
        if (entry instanceof AudienceEntry.Invalid invalid) {
            return new Rejected(entry, SetAside.INVALID, invalid.said());
        }
        AudienceEntry.Accepted accepted = (AudienceEntry.Accepted) entry;
        Recipient recipient = accepted.recipient();
        Sentence suppression = suppressed.get(recipient.key());
        if (suppression != null) {
            return new Rejected(entry, SetAside.SUPPRESSED, suppression);
        }
        Long reachedBy = reachedBefore.get(recipient.key());
        if (reachedBy != null) {
            return new Rejected(entry, SetAside.SUPPRESSED, Sentence.of("audience.reached-by-abandoned", reachedBy));
        }
        int first = seen.firstRowOrRecord(recipient.key(), row);
        if (first != 0) {
            return new Rejected(entry, SetAside.DUPLICATE, duplicateOf(first, recipient.address()));
        }
        return new Accepted(accepted);
    }

    /** A row judged before: in this call (still here) or in an earlier one (the caller's). */
    private String keyOfRow(int row) {
        if (row >= batchStart) {
            Verdict verdict = batch.get(row - batchStart);
            return verdict instanceof Accepted accepted ? accepted.recipient().key() : null;
        }
        return keyOfEarlierRow.apply(row);
    }

    /** "same address as FILE:LINE", and how that row wrote it when it differs (the same person, another case). */
    private Sentence duplicateOf(int row, String address) {
        EarlierRow first;
        if (row >= batchStart) {
            AudienceEntry entry = batch.get(row - batchStart).entry();
            first = new EarlierRow(((AudienceEntry.Accepted) entry).recipient().address(), entry.source() + ":" + entry.line());
        } else {
            first = earlierRow.apply(row);
        }
        return first.address() == null || first.address().equals(address)
                ? Sentence.of("audience.duplicate", first.location())
                : Sentence.of("audience.duplicate-written", first.location(), first.address());
    }
}
