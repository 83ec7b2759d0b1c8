package cn.fucai.cms.article;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/**
 * Article HTML as partner sites can embed it: an allow-list of structure (headings, paragraphs, lists, tables,
 * emphasis, links and images with http(s) URLs) and nothing else, so that no script, event handler, style, iframe
 * or javascript: URL survives. Chinese text is kept as characters and entities stay entities.
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

    /** The allowed part of {@code html}; null stays null. */
    static String sanitize(String html) {
        return html == null ? null : Jsoup.clean(html, "", ALLOWED, OUTPUT);
    }
}
