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

    /** A section is the template's own test of a value: a missing name is false there, never in a value tag. */
    @Test
    void aSectionOverAMissingNameIsFalseAndItsNamesAreListedForTheCallersCheck() throws IOException {
        write("hello.txt.mustache", "{{#Prénom}}Bonjour {{Prénom}},{{/Prénom}}{{^Prénom}}Bonjour,{{/Prénom}}\n{{> sig}}");
        write("sig.txt.mustache", "{{^signature}}Le bureau{{/signature}}");
        TemplateRenderer.Compiled compiled = new TemplateRenderer(templates).compile("hello", "{{#x}}{{x}}{{/x}}Lettre");

        assertThat(compiled.render(Map.of("Prénom", "Amélie")).text()).isEqualTo("Bonjour Amélie,\nLe bureau");
        assertThat(compiled.render(Map.of()).text()).isEqualTo("Bonjour,\nLe bureau");
        assertThat(compiled.render(Map.of("Prénom", "")).text()).as("an empty value is false too").isEqualTo("Bonjour,\nLe bureau");
        assertThat(compiled.sectionNames()).containsExactlyInAnyOrder("x", "Prénom", "signature");
        assertThatThrownBy(() -> new TemplateRenderer(templates).render("hello", "{{Prénom}}", Map.of()))
                .isInstanceOf(TemplateRenderer.MissingValueException.class).hasMessageContaining("no value for 'Prénom'");
    }

    /** The contact fields of Thunderbird's English and French exports and of LDIF, under one set of names and each other's. */
    @Test
    void contactFieldsAreOfferedUnderTheDocumentedNamesAndEveryExportsSpelling() {
        assertThat(Variables.recipient(Map.of(), Map.of("First Name", "Ann", "Last Name", "Lee", "Nickname", ""),
                "ann@amis.example", "Ann Lee"))
                .containsEntry("first_name", "Ann").containsEntry("Prénom", "Ann").containsEntry("givenName", "Ann")
                .containsEntry("last_name", "Lee").containsEntry("Nom de famille", "Lee").containsEntry("sn", "Lee")
                .containsEntry("Nickname", "").doesNotContainKeys("nickname", "Surnom");
        assertThat(Variables.recipient(Map.of(), Map.of("givenName", "Zoé", "cn", "Zoé Roy", "mozillaNickname", "zozo"),
                "zoe@amis.example", null))
                .containsEntry("first_name", "Zoé").containsEntry("First Name", "Zoé").containsEntry("display_name", "Zoé Roy")
                .containsEntry("Nom à afficher", "Zoé Roy").containsEntry("nickname", "zozo").containsEntry("Surnom", "zozo");
        assertThat(Variables.recipient(Map.of(), Map.of("prenom", "Léa"), "lea@amis.example", null))
                .as("a file of the association's own, any case or accents").containsEntry("Prénom", "Léa")
                .containsEntry("first_name", "Léa").containsEntry("prenom", "Léa");
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
    void aMissingVariableInAPartialOrTheSubjectIsAnErrorAndAMissingSectionIsLeftToTheCallersCheck() throws IOException {
        write("section.txt.mustache", "{{#items}}- {{.}}\n{{/items}}");
        TemplateRenderer.Compiled section = new TemplateRenderer(templates).compile("section", "s");
        assertThat(section.render(Map.of()).text()).isEmpty();
        assertThat(section.sectionNames()).containsExactly("items");

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
