package bulletin.campaign;

import bulletin.audience.AudiencePlan;
import bulletin.audience.ListDefinition;
import bulletin.home.Locality;
import bulletin.home.Workspace;
import bulletin.ledger.RunContent;
import bulletin.message.AddressingMode;
import bulletin.message.ContactFields;
import bulletin.message.DraftLetter;
import bulletin.message.Letter;
import bulletin.message.ListHeaders;
import bulletin.message.MessageComposer;
import bulletin.message.MessageSettings;
import bulletin.message.RenderedContent;
import bulletin.message.TemplateException;
import bulletin.message.TemplateRenderer;
import bulletin.message.Variables;
import bulletin.text.Sentence;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Renders and checks a campaign's content before anything is sent: the variables, the templates
 * (strictly), the unsubscribe URL, inline images, attachments and the size of a message. In Bcc
 * mode it renders once; in personal mode it renders for every recipient to prove that each one
 * can be, and freezes the templates for the send step to render again.
 */
@Component
public class CampaignContent {

    private final Workspace workspace;
    private final Locality locality;
    private final MessageSettings settings;
    private final WrittenLetters letters;

    CampaignContent(Workspace workspace, Locality locality, MessageSettings settings, WrittenLetters letters) {
        this.workspace = workspace;
        this.locality = locality;
        this.settings = settings;
        this.letters = letters;
    }

    /** The frozen copy of a letter written in the mailbox, and where it goes once sent (RunContent's frozen files). */
    public static final String LETTER_MAILBOX = "letter.mailbox";
    public static final String LETTER_FOLDER = "letter.folder";
    public static final String LETTER_SENT_FOLDER = "letter.sent-folder";

    private String shown(Path file) {
        return workspace.fileNames().shown(file).toString();
    }

    /** Compiles and checks what does not depend on recipients, taking no letter (a check). */
    public Prepared prepare(Campaign campaign, String period, AudiencePlan plan) {
        return prepare(campaign, period, plan, 0);
    }

    /**
     * Compiles and checks what does not depend on recipients.
     *
     * @param runId the run whose content this is: a letter written in the mailbox is read for it
     *              (one another run took is not); 0 for a check
     */
    public Prepared prepare(Campaign campaign, String period, AudiencePlan plan, long runId) {
        for (Path attachment : campaign.attachments()) {
            if (!Files.isRegularFile(attachment) || !Files.isReadable(attachment)) {
                throw new TemplateException(Sentence.of("content.no-attachment", shown(attachment), shown(campaign.file())));
            }
        }
        TemplateRenderer renderer = new TemplateRenderer(workspace.templates(), workspace.fileNames());
        if (campaign.letterFolder() != null) {
            // The footer first: a template mistake is said without reading the mailbox.
            TemplateRenderer.Compiled footer = renderer.compileBodies(campaign.letterFolder().footer());
            return new Prepared(campaign, renderer, footer, variables(campaign, period, plan), listHeaders(campaign, plan),
                    letters.waiting(campaign, runId));
        }
        TemplateRenderer.Compiled compiled = renderer.compile(campaign.template(), campaign.subject());
        return new Prepared(campaign, renderer, compiled, variables(campaign, period, plan), listHeaders(campaign, plan),
                null);
    }

    /** The letter with the footer at the end of each part: before the HTML's closing body tag, under the text. */
    static RenderedContent withFooter(DraftLetter letter, RenderedContent footer) {
        String html = letter.html();
        if (html != null && footer.html() != null) {
            int end = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
            html = end < 0 ? html + footer.html() : html.substring(0, end) + footer.html() + html.substring(end);
        }
        String text = letter.plainText();
        if (footer.text() != null) {
            text = text.stripTrailing() + "\n\n" + footer.text();
        }
        return new RenderedContent(letter.subject(), html, text);
    }

    private Map<String, String> variables(Campaign campaign, String period, AudiencePlan plan) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("campaign", campaign.name());
        variables.put("period", period);
        variables.put("date", LocalDate.now(locality.timeZone())
                .format(DateTimeFormatter.ofPattern(settings.dateFormat(), locality.locale())));
        variables.put("month", YearMonth.parse(period)
                .format(DateTimeFormatter.ofPattern("MMMM yyyy", locality.locale())));
        variables.put("unsubscribe", unsubscribeMail(campaign));
        ListDefinition list = plan.lists().isEmpty() ? null : plan.lists().get(0);
        variables.put("list.name", list != null ? list.name() : campaign.name());
        if (list != null && list.description() != null) {
            variables.put("list.description", list.description());
        }
        variables.putAll(campaign.variables());
        return variables;
    }

    private static String unsubscribeMail(Campaign campaign) {
        if (campaign.unsubscribe() != null) {
            return campaign.unsubscribe();
        }
        try {
            return new InternetAddress(campaign.replyTo() != null ? campaign.replyTo() : campaign.from()).getAddress();
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ListHeaders listHeaders(Campaign campaign, AudiencePlan plan) {
        ListDefinition list = plan.lists().isEmpty() ? null : plan.lists().get(0);
        String name = list != null ? list.name() : campaign.name();
        String label = list != null && list.nickname() != null ? list.nickname() : name;
        return new ListHeaders(name, ListHeaders.idFor(label, MessageComposer.senderDomain(campaign.from())),
                unsubscribeMail(campaign), null, false);
    }

    /** A campaign whose templates compiled: check recipients, then freeze the content. */
    public final class Prepared {
        private final Campaign campaign;
        private final TemplateRenderer renderer;
        private final TemplateRenderer.Compiled compiled;
        private final Map<String, String> variables;
        private final ListHeaders list;
        private final Set<String> recipientNames = new HashSet<>();
        /** A letter written in the mailbox ({@code compiled} is then its footer), else null. */
        private final DraftLetter letter;
        private Addressee first;

        private Prepared(Campaign campaign, TemplateRenderer renderer, TemplateRenderer.Compiled compiled,
                         Map<String, String> variables, ListHeaders list, DraftLetter letter) {
            this.campaign = campaign;
            this.renderer = renderer;
            this.compiled = compiled;
            this.variables = variables;
            this.list = list;
            this.letter = letter;
        }

        /** The letter written in the mailbox this content is made of, or null for templates. */
        public DraftLetter letter() {
            return letter;
        }

        /** In personal mode, renders for this recipient (failing with where it came from); in Bcc mode, notes it. */
        public void check(Addressee addressee) {
            if (first == null) {
                first = addressee;
            }
            // The names a section may test: every recipient's in personal mode; a Bcc run looks at
            // its first recipient only (the render step reads no more), and validate must agree.
            boolean counts = campaign.mode() == AddressingMode.PERSONAL || first == addressee;
            if (counts && !recipientNames.containsAll(addressee.fields().keySet())) {
                recipientNames.addAll(addressee.fields().keySet());
            }
            if (campaign.mode() == AddressingMode.PERSONAL) {
                try {
                    renderFor(addressee);
                } catch (TemplateException e) {
                    throw new TemplateException(Sentence.of("content.rendering-for", e.sentence(), addressee.email(),
                            addressee.location()));
                }
            }
        }

        private RenderedContent renderFor(Addressee addressee) {
            Map<String, String> all = Variables.recipient(variables, addressee.fields(), addressee.email(), addressee.name());
            if (campaign.unsubscribeUrl() != null) {
                all.put(Variables.UNSUBSCRIBE_URL, renderer.unsubscribeUrl(campaign.unsubscribeUrl(), all));
            }
            return compiled.render(Variables.nest(all));
        }

        /** Personal messages are rendered for every recipient; a Bcc message needs only one to name the columns. */
        public boolean checksEveryRecipient() {
            return campaign.mode() == AddressingMode.PERSONAL;
        }

        /** The first recipient checked, to stand in for all in a preview; null before any. */
        Addressee first() {
            return first;
        }

        /** The content to freeze, after a last check of a whole message's size. */
        public RunContent finish() {
            checkSectionNames();
            if (campaign.mode() == AddressingMode.PERSONAL) {
                RenderedContent sample = first == null ? null : renderFor(first);
                if (sample != null) {
                    checkImagesAndSize(sample, first.email());
                }
                return new RunContent(AddressingMode.PERSONAL, null, null, null, list.name(), list.id(),
                        list.unsubscribeMail(), campaign.unsubscribeUrl(), campaign.attachments(), variables,
                        renderer.frozen(compiled));
            }
            Map<String, String> all = new LinkedHashMap<>(variables);
            String url = null;
            if (campaign.unsubscribeUrl() != null) {
                url = bccOnly("unsubscribe-url", () -> renderer.unsubscribeUrl(campaign.unsubscribeUrl(), variables));
                all.put(Variables.UNSUBSCRIBE_URL, url);
            }
            if (letter != null) {
                // The letter as she wrote it, the job's footer under each part; frozen whole for restarts.
                RenderedContent content = withFooter(letter, bccOnly("template", () -> compiled.renderBodies(Variables.nest(all))));
                checkImagesAndSize(content, null);
                LetterFolder where = campaign.letterFolder();
                return new RunContent(AddressingMode.BCC, content.subject(), content.html(), content.text(),
                        list.name(), list.id(), list.unsubscribeMail(), url, campaign.attachments(), variables,
                        Map.of(DraftLetter.FROZEN, letter.frozen(), LETTER_MAILBOX, where.mailbox(), LETTER_FOLDER, where.folder(),
                                LETTER_SENT_FOLDER, where.sentFolder()));
            }
            RenderedContent content = bccOnly("template", () -> compiled.render(Variables.nest(all)));
            checkImagesAndSize(content, null);
            return new RunContent(AddressingMode.BCC, content.subject(), content.html(), content.text(),
                    list.name(), list.id(), list.unsubscribeMail(), url, campaign.attachments(), variables, Map.of());
        }

        /**
         * A section ({@code {{#x}}}, {@code {{^x}}}) tests whether a recipient has a value, so a
         * missing one is false; a name that neither the job nor any recipient checked can have (the
         * job's variables, the names every recipient has, the contact fields, the sources' columns)
         * is a typo, refused as strictly as a value tag.
         */
        private void checkSectionNames() {
            for (String name : compiled.sectionNames()) {
                String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                boolean known = variables.containsKey(name) || variables.keySet().stream().anyMatch(k -> k.startsWith(root + "."))
                        || Variables.PER_RECIPIENT.contains(name) || ContactFields.names().contains(name)
                        || recipientNames.contains(name) || ".".equals(name);
                if (!known) {
                    throw new TemplateException(Sentence.of("content.unknown-section", letter != null
                            ? campaign.letterFolder().footer() : campaign.template(), shown(campaign.file()),
                            name, String.join(", ", Variables.PER_RECIPIENT)));
                }
            }
        }

        /** A Bcc message is shared by many recipients: a name that only a recipient has gets a clear message. */
        private <T> T bccOnly(String what, Supplier<T> render) {
            try {
                return render.get();
            } catch (TemplateRenderer.MissingValueException e) {
                Set<String> perRecipient = new LinkedHashSet<>(Variables.PER_RECIPIENT);
                if (first != null) {
                    perRecipient.addAll(first.fields().keySet());
                    perRecipient.addAll(ContactFields.of(first.fields()).keySet());
                }
                if (perRecipient.contains(e.name())) {
                    throw new TemplateException(Sentence.of("content.per-recipient", e.sentence(), e.name(), shown(campaign.file()),
                            Sentence.of("content.what." + what)));
                }
                throw e;
            }
        }

        private void checkImagesAndSize(RenderedContent content, String to) {
            for (Path image : MessageComposer.inlineImages(content.html(), workspace.templates())) {
                if (!Files.isRegularFile(image)) {
                    throw new TemplateException(Sentence.of("content.no-image", shown(image), shown(workspace.templates())));
                }
            }
            Letter composed = new Letter(campaign.from(), campaign.replyTo(), to == null ? Letter.UNDISCLOSED : to, content,
                    list, letter != null ? null : workspace.templates(), campaign.attachments(), letter);
            long size = sizeOf(new MessageComposer(locality.timeZone())
                    .compose(composed, "<size-check@bulletin>"));
            long max = settings.maxMessageSize().toBytes();
            if (size > max) {
                throw new TemplateException(Sentence.of("content.too-big", shown(campaign.file()), size / 1024, max / 1024));
            }
        }
    }

    static long sizeOf(MimeMessage message) {
        long[] count = {0};
        try (OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        }) {
            message.writeTo(counter);
        } catch (IOException | MessagingException e) {
            throw new TemplateException("cannot measure the message: " + e.getMessage());
        }
        return count[0];
    }
}
