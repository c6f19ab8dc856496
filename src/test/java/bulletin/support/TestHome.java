package bulletin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Bulletin home for one test class under target/test-homes: its own database, templates,
 * recipient files and job files, written by the test itself.
 */
public final class TestHome {

    private final Path root;

    private TestHome(Path root) {
        this.root = root;
    }

    public static TestHome create(String name) {
        return at(Path.of("target", "test-homes", name + "-" + UUID.randomUUID()).toAbsolutePath());
    }

    /**
     * A home whose path is over 200 characters, as a home deep under /srv or a CI workspace is:
     * what names a file to the operator must still name it whole.
     */
    public static TestHome createDeep(String name) {
        Path root = Path.of("target", "test-homes", "a-home-as-deep-as-a-ci-workspace", "srv", "associations",
                "les-amis-du-jardin-botanique-de-noumea", "bulletin-installe-par-le-secretaire", "et-encore-un-dossier",
                name + "-" + UUID.randomUUID()).toAbsolutePath();
        if (root.toString().length() <= 200) {
            root = root.resolve("x".repeat(201 - root.toString().length()));
        }
        return at(root);
    }

    private static TestHome at(Path root) {
        try {
            Files.createDirectories(root.resolve("templates"));
            Files.createDirectories(root.resolve("jobs"));
            Files.createDirectories(root.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestHome(root);
    }

    public Path root() {
        return root;
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** What every Spring test of a home sets: the home, its database, and no command line run at start-up. */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("bulletin.cli.enabled", () -> "false");
        registry.add("bulletin.home", () -> root.toString());
        if (!OnPostgres.claimed()) {
            registry.add("spring.datasource.url", this::databaseUrl);
        }
        registry.add("bulletin.database.shared", () -> "false"); // in-process tests: one JVM, files opened directly
    }

    /** A relay profile named {@code name} on a local test server: plain SMTP, quick retries. */
    public static void relay(org.springframework.test.context.DynamicPropertyRegistry registry, String name,
                             java.util.function.Supplier<Object> port) {
        registry.add("bulletin.relays." + name + ".host", () -> "127.0.0.1");
        registry.add("bulletin.relays." + name + ".port", port);
        registry.add("bulletin.relays." + name + ".security", () -> "none");
        registry.add("bulletin.relays." + name + ".retry.initial-backoff", () -> "2ms");
    }

    public String databaseUrl() {
        return "jdbc:hsqldb:file:" + root.resolve("data/db/bulletin") + ";hsqldb.tx=mvcc;hsqldb.default_table_type=cached;hsqldb.write_delay=false;hsqldb.result_max_memory_rows=10000";
    }

    public Path write(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code count} members on reserved example domains, e.g. member007@example.org. */
    public static List<String> members(String prefix, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            addresses.add(String.format("%s%03d@%s", prefix, i, i % 2 == 0 ? "example.org" : "members.example"));
        }
        return addresses;
    }

    /** A recipient CSV with a header row and one row per address. */
    public Path writeRecipients(String relative, List<String> addresses) {
        StringBuilder csv = new StringBuilder("Prénom,Nom,Email\r\n");
        for (int i = 0; i < addresses.size(); i++) {
            csv.append("Prénom").append(i + 1).append(",Nom").append(i + 1).append(',').append(addresses.get(i)).append("\r\n");
        }
        return write(relative, csv.toString());
    }

    /** A simple newsletter template with HTML and text parts and a footer partial. */
    public void writeTemplate(String name) {
        write("templates/" + name + ".html.mustache",
                "<html><body><h1>{{association}} — {{period}}</h1><p>Bonjour à tous.</p>{{> footer}}</body></html>\n");
        write("templates/" + name + ".txt.mustache", "{{association}} — {{period}}\n\nBonjour à tous.\n{{> footer}}\n");
        write("templates/footer.html.mustache", "<p>Désinscription : {{unsubscribe}}</p>\n");
        write("templates/footer.txt.mustache", "--\nDésinscription : {{unsubscribe}}\n");
    }

    /** A job file; {@code extra} is appended as further YAML lines. */
    public Path writeJob(String name, String campaign, String recipients, int envelopeSize, String relay, String extra) {
        return write("jobs/" + name + ".yml", String.join("\n",
                "name: " + campaign,
                "from: \"Les Amis <bureau@amis.example>\"",
                "subject: \"Lettre {{period}}\"",
                "template: letter",
                "recipients:",
                "  - " + recipients,
                "chunk-size: " + envelopeSize,
                "relay: " + relay,
                "variables:",
                "  association: Les Amis",
                "  unsubscribe: bureau@amis.example",
                extra == null ? "" : extra) + "\n");
    }
}
