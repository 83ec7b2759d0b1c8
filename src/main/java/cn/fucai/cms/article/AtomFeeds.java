package cn.fucai.cms.article;

import cn.fucai.cms.common.http.PublicUrl;
import cn.fucai.cms.publisher.PublisherService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes Atom 1.0 (RFC 4287) feeds of the latest published articles with the JDK's StAX writer. */
@ApplicationScoped
class AtomFeeds {

    static final String ATOM = "application/atom+xml";
    private static final String NS = "http://www.w3.org/2005/Atom";
    private static final int ENTRIES = 50;

    @Inject
    ArticleService articles;

    @Inject
    ArticleStates states;

    @Inject
    PublisherService publishers;

    @Inject
    PublicUrl publicUrl;

    /** The feed of one publisher (by id or slug), or of all when {@code publisher} is null. */
    String feed(String publisher, Locale requested, UriInfo uri, String title) {
        String locale = requested == null ? null : requested.toLanguageTag();
        UUID publisherId = publisher == null ? null : publishers.get(publisher).id;
        List<ArticleResponse> entries = states.latestPublished(publisherId, ENTRIES).stream()
                .map(a -> a.publicView(locale))
                .toList();
        // ids and links from the public address (CMS_PUBLIC_URL), never from the Host header
        URI self = publicUrl.rebase(uri.getRequestUri());
        String feedId = publicUrl
                .of(uri.getRequestUri().getRawPath() + (locale == null ? "" : "?locale=" + locale))
                .toString();
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(NS);
            if (locale != null) {
                xml.writeAttribute("xml:lang", locale);
            }
            String feedTitle = title != null
                    ? title
                    : entries.isEmpty() ? publisher : entries.get(0).publisher().name();
            element(xml, "id", feedId);
            element(xml, "title", feedTitle);
            Instant updated = entries.stream()
                    .map(ArticleResponse::updatedAt)
                    .max(Instant::compareTo)
                    .orElse(Instant.EPOCH);
            element(xml, "updated", updated.toString());
            link(xml, "self", self.toString());
            xml.writeStartElement("generator");
            xml.writeCharacters("welfare-lottery content API");
            xml.writeEndElement();
            for (ArticleResponse article : entries) {
                xml.writeStartElement("entry");
                element(xml, "id", "urn:uuid:" + article.id());
                element(xml, "title", article.title());
                element(xml, "updated", article.updatedAt().toString());
                if (article.publishedAt() != null) {
                    element(xml, "published", article.publishedAt().toString());
                }
                xml.writeStartElement("author");
                element(xml, "name", article.publisher().name());
                xml.writeEndElement();
                link(
                        xml,
                        "alternate",
                        publicUrl
                                .of("/api/v1/publishers/" + article.publisher().slug() + "/articles/" + article.slug()
                                        + "?locale=" + article.locale())
                                .toString());
                if (article.category() != null) {
                    xml.writeEmptyElement("category");
                    xml.writeAttribute("term", article.category());
                }
                if (article.summary() != null) {
                    element(xml, "summary", article.summary());
                }
                if (article.body() != null) {
                    xml.writeStartElement("content");
                    xml.writeAttribute("type", "html");
                    xml.writeCharacters(article.body());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Atom feed could not be written", e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
