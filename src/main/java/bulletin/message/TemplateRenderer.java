package bulletin.message;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.resolver.FileSystemResolver;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Strict Mustache rendering from one templates folder: {@code NAME.html.mustache} and/or
 * {@code NAME.txt.mustache}, partials from the same folder only, and the subject as a
 * template of its own. Values are HTML-escaped in HTML and written as they are in text.
 */
public final class TemplateRenderer {

    static final String HTML_SUFFIX = ".html.mustache";
    static final String TEXT_SUFFIX = ".txt.mustache";

    private final Path templatesDir;

    public TemplateRenderer(Path templatesDir) {
        this.templatesDir = templatesDir;
    }

    public RenderedContent render(String template, String subject, Map<String, Object> variables) {
        Path html = templatesDir.resolve(template + HTML_SUFFIX);
        Path text = templatesDir.resolve(template + TEXT_SUFFIX);
        if (!Files.isRegularFile(html) && !Files.isRegularFile(text)) {
            throw new TemplateException("template '" + template + "' not found: create " + html + " and/or " + text);
        }
        String renderedSubject = renderString(subject, "subject", variables).strip();
        if (renderedSubject.isEmpty()) {
            throw new TemplateException("the subject renders empty: '" + subject + "'");
        }
        return new RenderedContent(renderedSubject,
                Files.isRegularFile(html) ? renderFile(htmlFactory(), html, variables) : null,
                Files.isRegularFile(text) ? renderFile(textFactory(), text, variables) : null);
    }

    private String renderFile(DefaultMustacheFactory factory, Path file, Map<String, Object> variables) {
        String name = file.getFileName().toString();
        try {
            return execute(factory.compile(name), variables);
        } catch (MustacheNotFoundException e) {
            throw new TemplateException(templatesDir.resolve(name) + ": a partial it includes was not found in "
                    + templatesDir + " (" + e.getMessage() + ")");
        } catch (MustacheException e) {
            StrictObjectHandler.MissingNameException missing = missingName(e);
            if (missing != null) {
                throw missing(missing, templatesDir.resolve(missing.context.file()).toString());
            }
            throw new TemplateException(templatesDir.resolve(name) + ": " + e.getMessage());
        }
    }

    private String renderString(String template, String label, Map<String, Object> variables) {
        try {
            return execute(textFactory().compile(new StringReader(template), label), variables);
        } catch (MustacheException e) {
            StrictObjectHandler.MissingNameException missing = missingName(e);
            if (missing != null) {
                throw missing(missing, "the " + label + " '" + template + "'");
            }
            throw new TemplateException("the " + label + " '" + template + "': " + e.getMessage());
        }
    }

    /** Mustache.java wraps what a binding throws; the missing name is somewhere in the chain. */
    private static StrictObjectHandler.MissingNameException missingName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StrictObjectHandler.MissingNameException missing) {
                return missing;
            }
        }
        return null;
    }

    private static TemplateException missing(StrictObjectHandler.MissingNameException e, String where) {
        return new TemplateException(where + (e.context.line() > 0 ? " line " + e.context.line() : "")
                + ": no value for '" + e.name + "'; define it under 'variables:' in the job file or fix the name");
    }

    private static String execute(Mustache mustache, Map<String, Object> variables) {
        StringWriter out = new StringWriter();
        mustache.execute(out, variables);
        return out.toString();
    }

    private DefaultMustacheFactory htmlFactory() {
        return new StrictFactory(templatesDir, HTML_SUFFIX, true);
    }

    private DefaultMustacheFactory textFactory() {
        return new StrictFactory(templatesDir, TEXT_SUFFIX, false);
    }

    /**
     * Strict lookups, partials from the templates folder only, and {@code {{> footer}}} resolved
     * to the partial of the same kind: footer.html.mustache from HTML, footer.txt.mustache from text.
     */
    private static final class StrictFactory extends DefaultMustacheFactory {
        private final String partialSuffix;
        private final boolean escapeHtml;

        StrictFactory(Path templatesDir, String partialSuffix, boolean escapeHtml) {
            super(new FileSystemResolver(templatesDir.toFile()));
            this.partialSuffix = partialSuffix;
            this.escapeHtml = escapeHtml;
            setObjectHandler(new StrictObjectHandler());
        }

        @Override
        public String resolvePartialPath(String dir, String name, String extension) {
            return super.resolvePartialPath(dir, name.contains(".") ? name : name + partialSuffix, extension);
        }

        @Override
        public void encode(String value, Writer writer) {
            if (escapeHtml) {
                super.encode(value, writer);
                return;
            }
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
