package bulletin.message;

import bulletin.problem.FileNames;
import bulletin.text.Sentence;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.codes.IterableCode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Strict Mustache templates from one templates folder (or a run's frozen copy of it):
 * {@code NAME.html.mustache} and/or {@code NAME.txt.mustache}, partials from the same folder
 * only, and the subject as a template of its own. Values are HTML-escaped in HTML and written as
 * they are in text. Compile once, render as often as needed (once for a Bcc run, once per
 * recipient for personal messages).
 */
public final class TemplateRenderer {

    static final String HTML_SUFFIX = ".html.mustache";
    static final String TEXT_SUFFIX = ".txt.mustache";
    /** Where the subject template and the template's name are kept in a frozen bundle. */
    static final String SUBJECT = "(subject)";
    static final String TEMPLATE = "(template)";

    private final TemplateBundle bundle;

    public TemplateRenderer(TemplateBundle bundle) {
        this.bundle = bundle;
    }

    public TemplateRenderer(Path templatesDir) {
        this(templatesDir, FileNames.AS_GIVEN);
    }

    /** @param names how the templates' files are named in errors (relative to the home) */
    public TemplateRenderer(Path templatesDir, FileNames names) {
        this(TemplateBundle.reading(templatesDir, names));
    }

    /** Renders once: what a Bcc run does. */
    public RenderedContent render(String template, String subject, Map<String, Object> variables) {
        return compile(template, subject).render(variables);
    }

    /**
     * Compiles the template and its partials; fails on a template or partial that does not exist.
     *
     * @param template the template's base name, or null to take the one frozen in the bundle
     * @param subject  the subject template, or null to take the one frozen in the bundle
     */
    public Compiled compile(String template, String subject) {
        if (template == null) {
            template = bundle.read(TEMPLATE);
        }
        String html = template + HTML_SUFFIX;
        String text = template + TEXT_SUFFIX;
        if (!bundle.exists(html) && !bundle.exists(text)) {
            throw new TemplateException(Sentence.of("template.not-found", template, bundle.describe(html), bundle.describe(text)));
        }
        String subjectTemplate = subject != null ? subject : bundle.read(SUBJECT);
        if (subjectTemplate == null) {
            throw new TemplateException(Sentence.of("template.no-subject"));
        }
        return new Compiled(template, subjectTemplate,
                compileString(subjectTemplate, "subject"),
                bundle.exists(html) ? compileFile(new StrictFactory(bundle, HTML_SUFFIX, true), html) : null,
                bundle.exists(text) ? compileFile(new StrictFactory(bundle, TEXT_SUFFIX, false), text) : null);
    }

    /**
     * The HTML and text of a template without a subject: a footer appended to a letter written
     * elsewhere. A missing template is said as {@link #compile} says it.
     */
    public Compiled compileBodies(String template) {
        String html = template + HTML_SUFFIX;
        String text = template + TEXT_SUFFIX;
        if (!bundle.exists(html) && !bundle.exists(text)) {
            throw new TemplateException(Sentence.of("template.not-found", template, bundle.describe(html), bundle.describe(text)));
        }
        return new Compiled(template, null, null,
                bundle.exists(html) ? compileFile(new StrictFactory(bundle, HTML_SUFFIX, true), html) : null,
                bundle.exists(text) ? compileFile(new StrictFactory(bundle, TEXT_SUFFIX, false), text) : null);
    }

    /** Renders an unsubscribe URL template and checks that it still is one https URL. */
    public String unsubscribeUrl(String template, Map<String, String> variables) {
        String url = compileText(template, "unsubscribe-url").render(Variables.nest(variables)).strip();
        if (!url.startsWith("https://") || url.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == ',')) {
            throw new TemplateException(Sentence.of("content.bad-unsubscribe-url", url));
        }
        return url;
    }

    /** A one-line text template (e.g. a URL), strict and unescaped. */
    public Text compileText(String template, String label) {
        return new Text(template, label, compileString(template, label));
    }

    /** A compiled one-line text template. */
    public final class Text {
        private final String template;
        private final String label;
        private final Mustache mustache;

        private Text(String template, String label, Mustache mustache) {
            this.template = template;
            this.label = label;
            this.mustache = mustache;
        }

        public String render(Map<String, Object> variables) {
            return execute(mustache, variables, Sentence.of("template.the." + label, template));
        }
    }

    /** The files the renderer read, with the subject template: what a run freezes. */
    public Map<String, String> frozen(Compiled compiled) {
        Map<String, String> files = new LinkedHashMap<>(bundle.files());
        files.put(SUBJECT, compiled.subjectTemplate);
        files.put(TEMPLATE, compiled.template);
        return files;
    }

    private Mustache compileFile(StrictFactory factory, String name) {
        try {
            return factory.compile(name);
        } catch (MustacheNotFoundException e) {
            throw new TemplateException(Sentence.of("template.no-partial", bundle.describe(name), e.getMessage()));
        } catch (MustacheException e) {
            throw new TemplateException(Sentence.of("file.problem", bundle.describe(name), e.getMessage()));
        }
    }

    private Mustache compileString(String template, String label) {
        try {
            return new StrictFactory(bundle, TEXT_SUFFIX, false).compile(new StringReader(template), label);
        } catch (MustacheException e) {
            throw new TemplateException(Sentence.of("file.problem", Sentence.of("template.the." + label, template), e.getMessage()));
        }
    }

    /** A compiled set: subject, HTML and/or text. */
    public final class Compiled {
        private final String template;
        private final String subjectTemplate;
        private final Mustache subject;
        private final Mustache html;
        private final Mustache text;

        private Compiled(String template, String subjectTemplate, Mustache subject, Mustache html, Mustache text) {
            this.template = template;
            this.subjectTemplate = subjectTemplate;
            this.subject = subject;
            this.html = html;
            this.text = text;
        }

        /**
         * The names the subject, HTML and text (their partials included) test in a section
         * ({@code {{#name}}}, {@code {{^name}}}): a missing one renders as false, so the caller checks
         * that some recipient, or the job, can have it.
         */
        public Set<String> sectionNames() {
            Set<String> names = new LinkedHashSet<>();
            for (Mustache mustache : new Mustache[] {subject, html, text}) {
                if (mustache != null) {
                    collectSections(mustache.getCodes(), names, Collections.newSetFromMap(new IdentityHashMap<>()));
                }
            }
            return names;
        }

        /** The HTML and text alone (a footer, {@link #compileBodies}): the subject is null. */
        public RenderedContent renderBodies(Map<String, Object> variables) {
            String renderedHtml = html == null ? null : execute(html, variables, null);
            if (renderedHtml != null) {
                LinkSchemes.check(renderedHtml, bundle.describe(html.getName()));
            }
            return new RenderedContent(null, renderedHtml, text == null ? null : execute(text, variables, null));
        }

        /**
         * @throws TemplateException naming the template, the line and the name, for a name the variables lack
         */
        public RenderedContent render(Map<String, Object> variables) {
            String renderedSubject = HeaderText.clean(execute(subject, variables, Sentence.of("template.the.subject", subjectTemplate)));
            if (renderedSubject.isEmpty()) {
                throw new TemplateException(Sentence.of("template.empty-subject", subjectTemplate));
            }
            String renderedHtml = html == null ? null : execute(html, variables, null);
            if (renderedHtml != null) {
                LinkSchemes.check(renderedHtml, bundle.describe(html.getName()));
            }
            String renderedText = text == null ? HtmlToText.convert(renderedHtml) : execute(text, variables, null);
            return new RenderedContent(renderedSubject, renderedHtml, renderedText);
        }
    }

    private static void collectSections(Code[] codes, Set<String> names, Set<Code> seen) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            if (code == null || !seen.add(code)) {
                continue; // a partial that includes itself is walked once
            }
            if (code instanceof IterableCode && code.getName() != null) {
                names.add(code.getName());
            }
            collectSections(code.getCodes(), names, seen);
        }
    }

    private String execute(Mustache mustache, Map<String, Object> variables, Sentence label) {
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, variables);
        } catch (MustacheException e) {
            StrictObjectHandler.MissingNameException missing = missingName(e);
            if (missing == null) {
                throw new TemplateException(Sentence.of("file.problem", label != null ? label : bundle.describe(mustache.getName()),
                        e.getMessage()));
            }
            Object where = label != null ? label : bundle.describe(missing.context.file());
            throw new MissingValueException(label == null && missing.context.line() > 0
                    ? Sentence.of("template.no-value-line", where, missing.context.line(), missing.name)
                    : Sentence.of("template.no-value", where, missing.name), missing.name);
        }
        return out.toString();
    }

    /** A template uses a name the variables do not have. */
    public static final class MissingValueException extends TemplateException {
        private final String name;

        MissingValueException(Sentence sentence, String name) {
            super(sentence);
            this.name = name;
        }

        public String name() {
            return name;
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

    /**
     * Strict lookups, files from the bundle only, and {@code {{> footer}}} resolved to the
     * partial of the same kind: footer.html.mustache from HTML, footer.txt.mustache from text.
     */
    private static final class StrictFactory extends DefaultMustacheFactory {
        private final String partialSuffix;
        private final boolean escapeHtml;

        StrictFactory(TemplateBundle bundle, String partialSuffix, boolean escapeHtml) {
            super(name -> {
                String text = bundle.read(name);
                return text == null ? null : (Reader) new StringReader(text);
            });
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
