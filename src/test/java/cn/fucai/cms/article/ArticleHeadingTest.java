package cn.fucai.cms.article;

import static cn.fucai.cms.support.TestData.article;
import static cn.fucai.cms.support.TestData.bilingualArticle;
import static cn.fucai.cms.support.TestData.createArticleId;
import static cn.fucai.cms.support.TestData.createPublisher;
import static cn.fucai.cms.support.TestData.uniqueSlug;
import static cn.fucai.cms.support.TestData.uuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A search hit's heading comes with its body and translations only when its title and summary hold none of the words
 * looked for: a page of hits in titles decompresses no body, a hit through a tag or in the text is read whole.
 */
@QuarkusTest
class ArticleHeadingTest {

    @Inject
    ArticleStates states;

    @Test
    void theTextsAreReadOnlyWhereTheTitleAndSummaryHoldNoneOfTheWords() {
        String publisher = createPublisher();
        // title 温州福彩2019年销量再破20亿, summary 筹集公益金5亿多元
        UUID titled = uuid(createArticleId(article(publisher, uniqueSlug("heading-titled"))));
        Map<String, Object> tagged = bilingualArticle(publisher, uniqueSlug("heading-tagged"), "Annual review");
        tagged.put("title", "年度总结");
        tagged.put("summary", null);
        tagged.put("tags", List.of("慈善"));
        tagged.put("body", "<p>开展慈善活动。</p>");
        UUID taggedId = uuid(createArticleId(tagged));

        Map<UUID, ArticleHeading> headings = states.headingsByIds(List.of(titled, taggedId), List.of("慈善", "温州"));

        ArticleHeading inTitle = headings.get(titled);
        assertEquals(List.of("温州福彩2019年销量再破20亿", "筹集公益金5亿多元"), List.of(inTitle.title(), inTitle.summary()));
        assertEquals(publisher, inTitle.publisher().slug());
        assertNull(inTitle.body(), "a body not read");
        assertEquals(List.of(), inTitle.translations());
        ArticleHeading throughATag = headings.get(taggedId);
        assertEquals("年度总结", throughATag.title());
        assertEquals("<p>开展慈善活动。</p>", throughATag.body());
        assertEquals(List.of("Annual review summary in en <p>body in en</p>"), throughATag.translations());

        // a word in the summary is enough; without a word of no case to look for (English), the texts are read
        String body = "<p>全年投入福彩公益金743.9万元。</p>";
        Map<String, List<String>> words = Map.of("公益金", List.of("公益金"), "none", List.of(), "慈善", List.of("慈善"));
        Map<String, String> bodies = new HashMap<>();
        words.forEach((name, list) -> bodies.put(
                name, states.headingsByIds(List.of(titled), list).get(titled).body()));
        Map<String, String> expected = new HashMap<>();
        expected.put("公益金", null);
        expected.put("none", body);
        expected.put("慈善", body);
        assertEquals(expected, bodies);
    }
}
