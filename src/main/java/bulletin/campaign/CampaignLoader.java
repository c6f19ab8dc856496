package bulletin.campaign;

import bulletin.audience.Printable;
import bulletin.audience.RecipientSource;
import bulletin.audience.SourceSpecs;
import bulletin.home.Workspace;
import bulletin.message.AddressingMode;
import bulletin.text.Sentence;
import bulletin.yaml.YamlMapping;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/** Reads and validates job files ({@code jobs/*.yml}) before anything else happens. */
@Component
public class CampaignLoader {

    static final Set<String> KEYS = Set.of("name", "from", "reply-to", "subject", "template", "recipients",
            "chunk-size", "relay", "visible-to", "variables", "mode", "unsubscribe", "unsubscribe-url", "attachments", "schedule",
            "sent-copy", "content");
    static final Set<String> CONTENT_KEYS = Set.of("mailbox", "folder", "sent-folder", "footer");

    /** Mailjet's limit for the Send API; no SMTP figure is published, so it is our default. */

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.'-]{0,99}");
    private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Workspace workspace;

    CampaignLoader(Workspace workspace) {
        this.workspace = workspace;
    }

    public Campaign load(Path jobFile) {
        Path file = workspace.resolve(jobFile);
        YamlMapping yaml = YamlMapping.read(file, workspace.fileNames());
        yaml.allowOnly(KEYS);

        String name = yaml.requiredString("name").trim();
        if (!NAME.matcher(name).matches()) {
            throw yaml.error("name", Sentence.of("job.name", name));
        }
        String from = address(yaml, "from", yaml.requiredString("from"));
        String replyTo = yaml.has("reply-to") ? address(yaml, "reply-to", yaml.requiredString("reply-to")) : null;
        LetterFolder letterFolder = yaml.has("content") ? letterFolder(yaml) : null;
        String subject = letterFolder != null ? null : yaml.requiredString("subject");
        String template = letterFolder != null ? null : yaml.requiredString("template").trim();
        if (template != null && !TEMPLATE.matcher(template).matches()) {
            throw yaml.error("template", Sentence.of("job.template", template));
        }
        List<RecipientSource> recipients = yaml.list("recipients", true).stream()
                .map(value -> SourceSpecs.parse(value, workspace::resolve))
                .toList();
        int envelopeSize = yaml.optionalInt("chunk-size", Campaign.DEFAULT_ENVELOPE_SIZE, 1, Campaign.MAX_ENVELOPE_SIZE);
        String relay = yaml.requiredString("relay").trim();
        VisibleTo visibleTo = visibleTo(yaml);
        AddressingMode mode = mode(yaml);
        if (letterFolder != null && mode == AddressingMode.PERSONAL) {
            throw yaml.error("mode", Sentence.of("job.letter-personal"));
        }
        String unsubscribe = yaml.has("unsubscribe") ? bareAddress(yaml, "unsubscribe", yaml.requiredString("unsubscribe")) : null;
        String unsubscribeUrl = yaml.has("unsubscribe-url") ? httpsUrl(yaml) : null;
        List<Path> attachments = yaml.list("attachments", false).stream().map(this::attachment).toList();
        String schedule = yaml.has("schedule") ? cron(yaml) : null;
        String sentCopy = yaml.has("sent-copy") ? yaml.requiredString("sent-copy").trim() : null;
        return new Campaign(file, name, from, replyTo, subject, template, recipients, envelopeSize, relay, visibleTo,
                yaml.optionalStringMap("variables"), mode, unsubscribe, unsubscribeUrl, attachments, schedule, sentCopy,
                letterFolder);
    }

    /**
     * {@code content: {mailbox: mailbox, folder: "Bulletin/À envoyer"}}: the letter is the message
     * written in that folder of the association's mailbox, not a template; the job then names no
     * subject nor template (the letter has its own), and never the inbox, where anyone can write.
     */
    private static LetterFolder letterFolder(YamlMapping yaml) {
        for (String key : new String[] {"template", "subject"}) {
            if (yaml.has(key)) {
                throw yaml.error(key, Sentence.of("job.letter-and-" + key));
            }
        }
        YamlMapping content = yaml.value("content").asMapping();
        content.allowOnly(CONTENT_KEYS);
        String folder = content.optionalString("folder", LetterFolder.DEFAULT_FOLDER).strip();
        String sent = content.optionalString("sent-folder", LetterFolder.DEFAULT_SENT_FOLDER).strip();
        for (String name : new String[] {folder, sent}) {
            if (name.isEmpty() || name.equalsIgnoreCase("INBOX") || name.toUpperCase(Locale.ROOT).startsWith("INBOX/")) {
                throw content.error(name.equals(folder) ? "folder" : "sent-folder", Sentence.of("job.letter-inbox", name));
            }
        }
        if (folder.equalsIgnoreCase(sent)) {
            throw content.error("sent-folder", Sentence.of("job.letter-same-folders", folder));
        }
        String footer = content.optionalString("footer", LetterFolder.DEFAULT_FOOTER).strip();
        if (!TEMPLATE.matcher(footer).matches()) {
            throw content.error("footer", Sentence.of("job.letter-footer", footer));
        }
        return new LetterFolder(content.optionalString("mailbox", LetterFolder.DEFAULT_MAILBOX).strip(), folder, sent, footer);
    }

    /** A crontab line's five fields ("0 8 1 * *"), or six with seconds first; kept as six. */
    private static String cron(YamlMapping yaml) {
        String text = yaml.requiredString("schedule").trim();
        String six = text.split("\\s+").length == 5 ? "0 " + text : text;
        try {
            CronExpression.parse(six);
            return six;
        } catch (IllegalArgumentException e) {
            throw yaml.error("schedule", Sentence.of("job.schedule", text, e.getMessage()));
        }
    }

    private static AddressingMode mode(YamlMapping yaml) {
        String value = yaml.optionalString("mode", "bcc").trim();
        try {
            return AddressingMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw yaml.error("mode", Sentence.of("job.mode", value));
        }
    }

    private static String httpsUrl(YamlMapping yaml) {
        String url = yaml.requiredString("unsubscribe-url").trim();
        if (!url.startsWith("https://") || url.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            throw yaml.error("unsubscribe-url", Sentence.of("job.unsubscribe-url", url));
        }
        return url;
    }

    /** Folders of the home whose files never leave it: credentials, the database, what was sent. */
    private static final List<Path> PRIVATE = List.of(Path.of("config"), Path.of("data", "db"), Path.of("data", "outbox"),
            Path.of("data", "reports"), Path.of("data", "logs"));

    /**
     * An attachment: a file in the home's folders, as the job file names it. A path outside the
     * home (absolute, {@code ..}, or a symbolic link that leads out), a hidden file, and the
     * folders that hold credentials and personal data are refused before anything is staged.
     */
    private Path attachment(YamlMapping.Value value) {
        String given = value.asString().trim();
        Sentence why = null;
        Path relative = Path.of(given);
        if (relative.isAbsolute() || given.startsWith("~")) {
            why = Sentence.of("job.attachment.outside");
        } else if (StreamSupport.stream(relative.spliterator(), false)
                .anyMatch(part -> part.toString().equals(".."))) {
            why = Sentence.of("job.attachment.up");
        } else if (StreamSupport.stream(relative.spliterator(), false)
                .anyMatch(part -> part.toString().startsWith(".")) || given.endsWith(".env")) {
            why = Sentence.of("job.attachment.hidden");
        } else if (PRIVATE.stream().anyMatch(relative.normalize()::startsWith)) {
            why = Sentence.of("job.attachment.private");
        } else {
            Path file = workspace.resolve(relative);
            try {
                if (Files.exists(file) && !file.toRealPath().startsWith(workspace.home().toRealPath())) {
                    why = Sentence.of("job.attachment.link");
                }
            } catch (IOException e) {
                why = Sentence.of("job.attachment.unreadable", e.getMessage());
            }
        }
        if (why != null) {
            throw value.error(Sentence.of("job.attachment", Printable.of(given), why));
        }
        return workspace.resolve(relative);
    }

    private static String bareAddress(YamlMapping yaml, String key, String value) {
        String address = address(yaml, key, value);
        try {
            return new InternetAddress(address).getAddress();
        } catch (AddressException e) {
            throw yaml.error(key, Sentence.of("job.bad-bare-address", key, value));
        }
    }

    private static VisibleTo visibleTo(YamlMapping yaml) {
        String value = yaml.optionalString("visible-to", "undisclosed").trim();
        try {
            return VisibleTo.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw yaml.error("visible-to", Sentence.of("job.visible-to", value));
        }
    }

    private static String address(YamlMapping yaml, String key, String value) {
        try {
            InternetAddress address = new InternetAddress(value.trim(), true);
            address.validate();
            if (address.isGroup()) {
                throw new AddressException("a group is not a sender");
            }
            return address.toUnicodeString();
        } catch (AddressException e) {
            throw yaml.error(key, Sentence.of("job.bad-address", key, e.getMessage(), value));
        }
    }
}
