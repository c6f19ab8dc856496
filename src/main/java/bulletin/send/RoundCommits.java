package bulletin.send;

import java.util.function.Consumer;

/**
 * The send loop's commit protocol, in one place: one commit a round. A round's answers are held
 * in memory and written in the same transaction as the next round's messages marked as on the
 * wire (answers first), so each connection has at most one message on the wire whose answer is
 * not recorded, and a crash between the two finds that message in doubt, never lost. The last
 * round's answers are written in the caller's transaction (the send step's chunk, with Spring
 * Batch's bookkeeping); answers that stop the run are committed at once, since the failure rolls
 * the caller's transaction back; whatever is still held when the attempt closes is committed on
 * its own.
 *
 * <p><b>Threads.</b> The send step's thread only.
 *
 * @param <A> a round's answers; {@code write} writes them, in whatever transaction is open
 */
final class RoundCommits<A> {

    /** How the ledger runs work in a transaction of its own ({@code Ledger.inOwnTransaction}). */
    interface Transactions {
        void inOwnTransaction(Runnable work);
    }

    private final Transactions transactions;
    private final Consumer<A> write;
    private final A none;
    private A held;

    /** @param none the answers of no round (written as nothing), what is held to begin with */
    RoundCommits(Transactions transactions, Consumer<A> write, A none) {
        this.transactions = transactions;
        this.write = write;
        this.none = none;
        this.held = none;
    }

    /** What is held until the next commit, for what joins it before (a budget gate's pauses). */
    A held() {
        return held;
    }

    /** Replaces what is held (the same answers with more beside them). */
    void hold(A answers) {
        held = answers;
    }

    /** Commits the answers held, then {@code marks} (the round's messages as on the wire), in one transaction. */
    void commitBeforeSending(Runnable marks) {
        A earlier = held;
        transactions.inOwnTransaction(() -> {
            write.accept(earlier);
            marks.run();
        });
        held = none;
    }

    /** This round's answers wait for the next commit. */
    void answered(A answers) {
        held = answers;
    }

    /** This round's answers stop the run: committed now, on their own (the caller's transaction rolls back). */
    void answeredThenStopped(A answers) {
        transactions.inOwnTransaction(() -> write.accept(answers));
    }

    /** The answers held, written in the caller's transaction (the end of a chunk). */
    void writeInCallersTransaction() {
        A answers = held;
        held = none;
        write.accept(answers);
    }

    /**
     * The attempt ends: answers still held (the chunk failed elsewhere before writing them) are
     * committed on their own, since what the relay said must stand.
     *
     * @throws RuntimeException when they cannot be written; nothing is held any more
     */
    void commitWhatIsLeft() {
        if (held == none) {
            return;
        }
        transactions.inOwnTransaction(this::writeInCallersTransaction);
    }
}
