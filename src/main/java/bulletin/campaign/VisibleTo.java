package bulletin.campaign;

/** What the visible To: header of a Bcc message shows; never a recipient. */
enum VisibleTo {
    /** {@code To: undisclosed-recipients:;} (an empty group, RFC 5322). */
    UNDISCLOSED,
    /** The sender's own address. */
    SENDER
}
