package bulletin.campaign;

/**
 * Where a campaign's letter is written: a folder of the association's own mailbox, where the
 * secretary saves or moves the message she wrote in Thunderbird ({@code content:} in the job file,
 * instead of {@code template:}).
 *
 * @param mailbox    the mailbox profile (the association's own: only its account can put a message there)
 * @param folder     the folder the letter waits in, created when missing
 * @param sentFolder where it goes once its run completed, so that the next fire does not send it again
 * @param footer     the template partial appended to both parts (the unsubscribe sentence): letter-footer.html/txt.mustache by default
 */
public record LetterFolder(String mailbox, String folder, String sentFolder, String footer) {

    public static final String DEFAULT_MAILBOX = "mailbox";
    public static final String DEFAULT_FOLDER = "Bulletin/À envoyer";
    public static final String DEFAULT_SENT_FOLDER = "Bulletin/Envoyés";
    public static final String DEFAULT_FOOTER = "letter-footer";
}
