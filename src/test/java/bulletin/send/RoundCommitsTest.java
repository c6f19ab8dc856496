package bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The round-commit protocol on its own: what is written in which transaction, in which order.
 * The journal records each write and each transaction's begin and commit.
 */
class RoundCommitsTest {

    private final List<String> journal = new ArrayList<>();
    private final RoundCommits<String> commits = new RoundCommits<>(work -> {
        journal.add("begin");
        work.run();
        journal.add("commit");
    }, answers -> journal.add("answers " + answers), "none");

    @Test
    void aRoundsAnswersCommitWithTheNextRoundsMarksAndBeforeThem() {
        commits.commitBeforeSending(() -> journal.add("marks 1"));
        commits.answered("of round 1");
        commits.commitBeforeSending(() -> journal.add("marks 2"));

        assertThat(journal).containsExactly("begin", "answers none", "marks 1", "commit",
                "begin", "answers of round 1", "marks 2", "commit");
        assertThat(commits.held()).isEqualTo("none");
    }

    @Test
    void theLastRoundsAnswersAreWrittenInTheCallersTransactionOnce() {
        commits.commitBeforeSending(() -> journal.add("marks 1"));
        commits.answered("of round 1");
        journal.clear();

        commits.writeInCallersTransaction();
        commits.commitWhatIsLeft();

        assertThat(journal).containsExactly("answers of round 1");
    }

    @Test
    void answersThatStopTheRunCommitAtOnceOnTheirOwn() {
        commits.answeredThenStopped("of the failed round");

        assertThat(journal).containsExactly("begin", "answers of the failed round", "commit");
        assertThat(commits.held()).isEqualTo("none");
    }

    @Test
    void answersLeftWhenTheAttemptClosesCommitOnTheirOwnAndOnlyOnce() {
        commits.answered("of round 7");

        commits.commitWhatIsLeft();
        commits.commitWhatIsLeft();

        assertThat(journal).containsExactly("begin", "answers of round 7", "commit");
    }

    @Test
    void whatJoinsTheHeldAnswersIsWrittenWithThem() {
        commits.answered("of round 1");
        commits.hold(commits.held() + " and a budget pause");
        commits.commitBeforeSending(() -> journal.add("marks 2"));

        assertThat(journal).containsExactly("begin", "answers of round 1 and a budget pause", "marks 2", "commit");
    }

    @Test
    void answersThatCannotBeWrittenWhenTheAttemptClosesAreNotHeldForEver() {
        RoundCommits<String> failing = new RoundCommits<>(Runnable::run, answers -> {
            throw new IllegalStateException("the database went away");
        }, "none");
        failing.answered("of round 3");

        assertThatThrownBy(failing::commitWhatIsLeft).hasMessage("the database went away");
        assertThat(failing.held()).isEqualTo("none");
    }
}
