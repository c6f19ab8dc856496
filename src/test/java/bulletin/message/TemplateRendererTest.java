package bulletin.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

    @TempDir
    Path templates;

    private void write(String name, String content) throws IOException {
        Files.writeString(templates.resolve(name), content);
    }

    @Test
    void rendersHtmlEscapedAndTextAsIsWithPartialsOfTheSameKind() throws IOException {
        write("news.html.mustache", "<p>{{title}}</p>{{> footer}}");
        write("news.txt.mustache", "{{title}}\n{{> footer}}");
        write("footer.html.mustache", "<small>html footer</small>");
        write("footer.txt.mustache", "-- text footer");

        RenderedContent content = new TemplateRenderer(templates)
                .render("news", "News: {{title}}", Map.of("title", "Fruits & <légumes>"));

        assertThat(content.subject()).isEqualTo("News: Fruits & <légumes>");
        assertThat(content.html()).isEqualTo("<p>Fruits &amp; &lt;légumes&gt;</p><small>html footer</small>");
        assertThat(content.text()).isEqualTo("Fruits & <légumes>\n-- text footer");
    }

    /** A value of the data in href="{{link}}" is escaped, but javascript: would still run: refused at render. */
    @Test
    void aLinkThatIsNotHttpHttpsOrMailtoIsRefusedAtRender() throws IOException {
        write("links.html.mustache", "<p><a href=\"{{link}}\">le site</a> <img src=\"images/logo.png\"> <a href=\"#top\">haut</a></p>");
        TemplateRenderer renderer = new TemplateRenderer(templates);

        for (String fine : new String[] {"https://amis.example/agenda", "http://amis.example", "mailto:bureau@amis.example"}) {
            assertThat(renderer.render("links", "s", Map.of("link", fine)).html()).contains("href=\"" + fine + "\"");
        }
        for (String hostile : new String[] {"javascript:alert(document.cookie)", " JaVaScRiPt:alert(1)",
                "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox"}) {
            assertThatThrownBy(() -> renderer.render("links", "s", Map.of("link", hostile))).as(hostile)
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("links.html.mustache: href=")
                    .hasMessageContaining("a letter's links are http:, https: or mailto: only");
        }
    }

    @Test
    void aTemplateWithOnlyOneKindRendersThatKind() throws IOException {
        write("only.txt.mustache", "hello {{who}}");

        RenderedContent content = new TemplateRenderer(templates).render("only", "s", Map.of("who", "all"));

        assertThat(content.text()).isEqualTo("hello all");
        assertThat(content.html()).isNull();
    }

    @Test
    void aMissingVariableIsAnErrorNamingTheTemplateTheLineAndTheName() throws IOException {
        write("news.html.mustache", "<p>ok</p>\n<p>{{titel}}</p>\n");

        assertThatThrownBy(() -> new TemplateRenderer(templates).render("news", "s", Map.of("title", "x")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("news.html.mustache line 2")
                .hasMessageContaining("no value for 'titel'");
    }

    @Test
    void aMissingSectionOrAVariableInAPartialOrTheSubjectIsAnError() throws IOException {
        write("section.txt.mustache", "{{#items}}- {{.}}\n{{/items}}");
        assertThatThrownBy(() -> new TemplateRenderer(templates).render("section", "s", Map.of()))
                .hasMessageContaining("no value for 'items'");

        write("outer.txt.mustache", "hello\n{{> inner}}");
        write("inner.txt.mustache", "\n\n{{ghost}}");
        assertThatThrownBy(() -> new TemplateRenderer(templates).render("outer", "s", Map.of()))
                .hasMessageContaining("inner.txt.mustache line 3").hasMessageContaining("'ghost'");

        assertThatThrownBy(() -> new TemplateRenderer(templates).render("section", "Lettre {{mois}}", Map.of("items", "x")))
                .hasMessageContaining("the subject 'Lettre {{mois}}'").hasMessageContaining("'mois'");
    }

    @Test
    void aMissingTemplateOrPartialIsAnErrorSayingWhatToCreate() throws IOException {
        assertThatThrownBy(() -> new TemplateRenderer(templates).render("absent", "s", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("absent.html.mustache").hasMessageContaining("absent.txt.mustache");

        write("news.txt.mustache", "{{> nowhere}}");
        assertThatThrownBy(() -> new TemplateRenderer(templates).render("news", "s", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("partial");
    }

    @Test
    void partialsCannotBeReadFromOutsideTheTemplatesFolder() throws IOException {
        Path outside = templates.getParent().resolve("secret.txt.mustache");
        Files.writeString(outside, "SECRET");
        write("news.txt.mustache", "{{> ../secret}}");

        assertThatThrownBy(() -> new TemplateRenderer(templates).render("news", "s", Map.of()))
                .isInstanceOf(TemplateException.class);
    }

    @Test
    void aFrozenCopyRendersTheTemplatesAsTheyWereWhateverTheFilesBecomeSince() throws IOException {
        write("news.html.mustache", "<p>v1 {{who}}</p>{{> footer}}");
        write("footer.html.mustache", "<small>footer v1</small>");
        TemplateRenderer reading = new TemplateRenderer(templates);
        TemplateRenderer.Compiled compiled = reading.compile("news", "Sujet {{who}}");
        java.util.Map<String, String> frozen = reading.frozen(compiled);

        write("news.html.mustache", "<p>v2</p>");
        Files.delete(templates.resolve("footer.html.mustache"));
        RenderedContent content = new TemplateRenderer(TemplateBundle.frozen(frozen)).compile(null, null)
                .render(Map.of("who", "Zoé"));

        assertThat(content.subject()).isEqualTo("Sujet Zoé");
        assertThat(content.html()).isEqualTo("<p>v1 Zoé</p><small>footer v1</small>");
        assertThat(content.text()).isEqualTo("v1 Zoé\n\nfooter v1\n");
    }
}
