package bulletin.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The page {@code preview} writes for a letter's HTML, to open in a browser: as the run report
 * does it, the page runs no script and fetches nothing (a Content-Security-Policy says so), and
 * the letter is drawn in a sandboxed frame; its own images (relative paths) come inline, as
 * {@code data:} URIs, so that they show without any file being fetched.
 */
public final class PreviewPage {

    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'";

    private PreviewPage() {
    }

    /** @param imagesDir where the letter's relative images are (the templates folder), or null */
    public static String of(String html, Path imagesDir, String title) {
        return of(html, imagesDir, title, null);
    }

    /** @param draft a letter written in a mail client, whose HTML names its images by {@code cid:}, or null */
    public static String of(String html, Path imagesDir, String title, DraftLetter draft) {
        String srcdoc = letter(html, imagesDir, draft).replace("&", "&amp;").replace("\"", "&quot;");
        String escapedTitle = title.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\">\n"
                + "<title>" + escapedTitle + "</title>\n"
                + "<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%}</style>\n"
                + "</head><body><iframe sandbox=\"\" title=\"" + escapedTitle + "\" srcdoc=\"" + srcdoc + "\"></iframe>"
                + "</body></html>\n";
    }

    /**
     * The letter's HTML as a page that fetches nothing shows it (this preview, the run report):
     * no script, its own images (relative paths under {@code imagesDir}) inline as {@code data:} URIs.
     */
    public static String letter(String html, Path imagesDir) {
        return letter(html, imagesDir, null);
    }

    /** The same; a written letter's {@code cid:} images are its own parts, inline too. */
    public static String letter(String html, Path imagesDir, DraftLetter draft) {
        Document letter = Jsoup.parse(html);
        letter.select("script, object, embed").remove(); // the sandbox would not run them; the page need not hold them
        if (draft != null) {
            for (Element img : letter.select("img[src^=cid:]")) {
                String id = img.attr("src").substring("cid:".length());
                draft.inline().stream().filter(part -> id.equals(part.contentId())).findFirst().ifPresent(part ->
                        img.attr("src", "data:" + part.contentType() + ";base64," + Base64.getEncoder().encodeToString(part.bytes())));
            }
        }
        if (imagesDir != null) {
            for (Element img : letter.select("img[src]")) {
                String src = img.attr("src");
                if (!src.isBlank() && !src.contains(":") && !src.startsWith("//")) {
                    Path file = imagesDir.resolve(src).normalize();
                    try {
                        if (file.startsWith(imagesDir.normalize()) && Files.isRegularFile(file)) {
                            img.attr("src", "data:" + AttachmentTypes.of(file) + ";base64,"
                                    + Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                        }
                    } catch (IOException e) {
                        // left as it is: the frame shows it missing, as a mail client would
                    }
                }
            }
        }
        return letter.outerHtml();
    }
}
