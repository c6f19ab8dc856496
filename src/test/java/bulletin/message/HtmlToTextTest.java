package bulletin.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void keepsParagraphsLinksListsAndRowsReadable() {
        String html = "<html><body><table><tr><td><h1>La lettre</h1></td></tr>"
                + "<tr><td><p>Bonjour à tous,<br>voici les nouvelles.</p>"
                + "<ul><li>Semis</li><li>Récolte</li></ul>"
                + "<p>Le site : <a href=\"https://amis.example/agenda\">agenda</a>, "
                + "ou écrivez à <a href=\"mailto:bureau@amis.example\">bureau@amis.example</a>.</p></td></tr></table>"
                + "<style>p { color: red }</style></body></html>";

        String text = HtmlToText.convert(html);

        assertThat(text).isEqualTo("""
                La lettre

                Bonjour à tous,
                voici les nouvelles.

                - Semis
                - Récolte

                Le site : agenda (https://amis.example/agenda), ou écrivez à bureau@amis.example.
                """);
    }
}
