package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.translation;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Atom 1.0 feeds: the elements RFC 4287 requires, newest first, in the asked locale. */
@QuarkusTest
class AtomFeedTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    @Test
    void aPublisherFeedIsValidAtomWithItsNewestPublishedArticles() throws Exception {
        String publisher = createPublisher();
        Map<String, Object> older = article(publisher, "older");
        older.put("publishedAt", "2019-01-01T00:00:00+08:00");
        older.put("title", "较早的文章");
        createArticleId(older);
        Map<String, Object> newer = article(publisher, "newer");
        newer.put("publishedAt", "2020-01-06T11:49:00+08:00");
        newer.put("translations", List.of(translation("en", "Newer article")));
        createArticleId(newer);
        Map<String, Object> draft = article(publisher, "draft");
        draft.put("status", "draft");
        createArticleId(draft);

        Document feed = parse(given().get("/api/v1/publishers/" + publisher + "/feed.atom")
                .then()
                .statusCode(200)
                .contentType("application/atom+xml")
                .extract()
                .asByteArray());
        Element root = feed.getDocumentElement();
        assertEquals(ATOM, root.getNamespaceURI());
        assertEquals("feed", root.getLocalName());
        for (String required : List.of("id", "title", "updated")) {
            assertEquals(1, children(root, required).size(), "feed/" + required);
        }
        Instant.parse(text(root, "updated"));
        List<Element> entries = children(root, "entry");
        assertEquals(2, entries.size(), "published articles only");
        assertEquals("温州福彩2019年销量再破20亿", text(entries.get(0), "title"), "newest first");
        assertEquals("较早的文章", text(entries.get(1), "title"));
        for (Element entry : entries) {
            for (String required : List.of("id", "title", "updated", "author", "link")) {
                assertTrue(!children(entry, required).isEmpty(), "entry/" + required);
            }
            assertTrue(text(entry, "id").startsWith("urn:uuid:"));
            assertEquals("html", children(entry, "content").get(0).getAttribute("type"));
        }

        Document english = parse(given().get("/api/v1/publishers/" + publisher + "/feed.atom?locale=en")
                .asByteArray());
        assertEquals(
                "Newer article",
                text(children(english.getDocumentElement(), "entry").get(0), "title"));
        assertEquals("en", english.getDocumentElement().getAttribute("xml:lang"));
        given().get("/api/v1/publishers/no-such-publisher/feed.atom").then().statusCode(404);
        given().get("/api/v1/feed.atom?locale=!!").then().statusCode(400);
        assertTrue(children(
                                parse(given().get("/api/v1/feed.atom").asByteArray())
                                        .getDocumentElement(),
                                "entry")
                        .size()
                >= 2);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element
                    && ATOM.equals(element.getNamespaceURI())
                    && element.getLocalName().equals(name)) {
                result.add(element);
            }
        }
        return result;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }
}
