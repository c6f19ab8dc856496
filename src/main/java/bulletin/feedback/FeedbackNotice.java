package bulletin.feedback;

import java.util.List;

/**
 * Told of each feedback read's reports, when something in them matters to the association (a
 * member suppressed, a refusal because of the sender). Implemented outside this package (the
 * notifications), so that a read does not know who listens.
 */
public interface FeedbackNotice {

    void read(List<FeedbackReport> reports);

    /**
     * A read that could not be done, said in one sentence.
     *
     * @param what {@code mailbox} or {@code mailjet}: which read
     */
    void failed(String what, String sentence);
}
