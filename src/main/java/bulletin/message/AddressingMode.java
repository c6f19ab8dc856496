package bulletin.message;

/** How a campaign addresses its recipients. */
public enum AddressingMode {
    /** One message per envelope of recipients, who are in the envelope only; campaign-level variables only. */
    BCC,
    /** One message per recipient, To: that recipient; the recipient's columns are variables. */
    PERSONAL
}
