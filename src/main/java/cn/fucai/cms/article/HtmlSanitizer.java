package cn.fucai.cms.article;

import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Article HTML as partner sites can embed it: an allow-list of structure (headings, paragraphs, lists, tables,
 * emphasis, links with http(s) URLs, and images of the media library) and nothing else, so that no script, event
 * handler, style, iframe or javascript: URL survives, and no page loads an image the library did not check. Relative
 * URLs are made absolute on the service's public address, so that a mirror's copy still finds them. Chinese text is
 * kept as characters and entities stay entities.
 */
final class HtmlSanitizer {

    private static final Safelist ALLOWED = Safelist.relaxed()
            .removeProtocols("a", "href", "ftp")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addAttributes("a", "title")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);

    private HtmlSanitizer() {}

    /** The allowed part of {@code html}, relative URLs resolved on {@code base}; null stays null. */
    static String sanitize(String html, String base, Predicate<String> imageAllowed) {
        if (html == null) {
            return null;
        }
        Document clean = new Cleaner(ALLOWED).clean(Jsoup.parseBodyFragment(html, base));
        clean.select("img").forEach(image -> {
            if (!imageAllowed.test(image.attr("src"))) {
                image.remove();
            }
        });
        clean.outputSettings(OUTPUT);
        return clean.body().html();
    }
}
