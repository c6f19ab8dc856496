package bulletin.run;

import bulletin.ledger.LedgerEntry;
import bulletin.ledger.RunContent;
import bulletin.ledger.RunRecord;
import bulletin.message.AddressingMode;
import bulletin.message.DraftLetter;
import bulletin.message.Letter;
import bulletin.message.ListHeaders;
import bulletin.message.PreviewPage;
import bulletin.message.RenderedContent;
import bulletin.message.TemplateBundle;
import bulletin.message.TemplateRenderer;
import bulletin.message.Variables;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The letters of one run, from what its render step froze: the one Bcc letter, or one letter
 * per recipient rendered from the frozen templates.
 */
public final class RunLetters {

    private final RunRecord run;
    private final RunContent content;
    private final Path imagesDir;
    private final List<Path> attachments;
    private final Letter bcc;
    private final TemplateRenderer renderer;
    private final TemplateRenderer.Compiled compiled;
    private final Map<String, String> variables;

    public RunLetters(RunRecord run, Path imagesDir) {
        this.run = run;
        this.content = run.content();
        this.imagesDir = imagesDir;
        this.attachments = content.attachments();
        this.variables = content.variables();
        if (personal()) {
            this.renderer = new TemplateRenderer(TemplateBundle.frozen(content.templates()));
            this.compiled = renderer.compile(null, null);
            this.bcc = null;
        } else {
            this.renderer = null;
            this.compiled = null;
            // A letter written in the mailbox was frozen whole: its images and attachments, byte for byte.
            String frozen = content.templates().get(DraftLetter.FROZEN);
            this.bcc = new Letter(run.sender(), run.replyTo(), run.toHeader(),
                    new RenderedContent(content.subject(), content.html(), content.text()),
                    new ListHeaders(content.listName(), content.listId(), content.unsubscribeMail(),
                            content.unsubscribeUrl(), false), frozen == null ? imagesDir : null, attachments,
                    frozen == null ? null : DraftLetter.thawed(frozen));
        }
    }

    public boolean personal() {
        return content.mode() == AddressingMode.PERSONAL;
    }

    public Letter bcc() {
        return bcc;
    }

    /** The letter to one recipient: To: that recipient, its columns as variables, its own unsubscribe URL. */
    public Letter personal(LedgerEntry recipient) {
        Map<String, String> all = Variables.recipient(variables, recipient.decodedFields(), recipient.address(),
                recipient.displayName());
        String url = null;
        if (content.unsubscribeUrl() != null) {
            url = renderer.unsubscribeUrl(content.unsubscribeUrl(), all);
            all.put(Variables.UNSUBSCRIBE_URL, url);
        }
        RenderedContent rendered = compiled.render(Variables.nest(all));
        return new Letter(run.sender(), run.replyTo(), to(recipient), rendered,
                new ListHeaders(content.listName(), content.listId(), content.unsubscribeMail(), url, url != null),
                imagesDir, attachments);
    }

    /**
     * A letter of the run as a page that fetches nothing shows it (the run report): its HTML without
     * script and with its own images inline.
     *
     * @param to who got this one (a personal run's example), or null for a Bcc run's one message
     */
    public record Example(String to, String subject, String html, String text) {
    }

    /** A Bcc run's one letter, for its report. */
    public Example shown() {
        RenderedContent content = bcc.content();
        return new Example(null, content.subject(), content.html() == null ? null
                : PreviewPage.letter(content.html(), imagesDir, bcc.draft()), content.text());
    }

    /** The letter as rendered for this recipient (a personal run), for its report. */
    public Example example(LedgerEntry recipient) {
        Letter letter = personal(recipient);
        String to = recipient.displayName() == null || recipient.displayName().isBlank() ? recipient.address()
                : recipient.displayName() + " <" + recipient.address() + ">";
        String html = letter.content().html();
        return new Example(to, letter.content().subject(), html == null ? null : PreviewPage.letter(html, imagesDir),
                letter.content().text());
    }

    private static String to(LedgerEntry recipient) {
        try {
            return new InternetAddress(recipient.address(), recipient.displayName(), "UTF-8").toUnicodeString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
