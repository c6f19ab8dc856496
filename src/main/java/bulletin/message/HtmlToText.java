package bulletin.message;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The plain-text part of a newsletter written only in HTML: paragraphs and rows as lines, links
 * as "text (url)", list items with a dash. Mail clients show it when they do not show HTML, and
 * spam filters expect it.
 */
final class HtmlToText {

    private HtmlToText() {
    }

    public static String convert(String html) {
        Element body = Jsoup.parse(html).body();
        StringBuilder out = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String value = text.text().replaceAll("\\s+", " ");
                    if (!value.isBlank() || (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1)))) {
                        out.append(value);
                    }
                } else if (node instanceof Element element) {
                    switch (element.normalName()) {
                        case "br" -> out.append('\n');
                        case "li" -> newLine(out).append("- ");
                        case "p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote" ->
                                newLine(out);
                        default -> { }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    switch (element.normalName()) {
                        case "a" -> {
                            String href = element.attr("href");
                            if (!href.isEmpty() && !href.startsWith("#") && !element.text().strip().equals(href.replaceFirst("^mailto:", ""))) {
                                out.append(" (").append(href.replaceFirst("^mailto:", "")).append(')');
                            }
                        }
                        case "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote" -> {
                            newLine(out);
                            out.append('\n');
                        }
                        case "tr", "div", "li" -> newLine(out);
                        default -> { }
                    }
                }
            }
        });
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }

    private static StringBuilder newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
        return out;
    }
}
