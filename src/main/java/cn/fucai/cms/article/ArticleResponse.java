package cn.fucai.cms.article;

import cn.fucai.cms.media.ImageRef;
import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An article as readers see it, in one locale: what the API, the partner sync feed and webhooks show of it, so the
 * article feature publishes it for them. Rendered in one place, {@link ArticleState#in}.
 */
@Schema(
        name = ArticleResponse.SCHEMA,
        description = "An article in the locale that was asked for, or in its original locale")
public record ArticleResponse(
        UUID id,
        @Schema(example = "2019-wenzhou-fucai-review") String slug,
        PublisherRef publisher,

        @Schema(description = "Locale of the text served", example = "zh-CN")
        String locale,

        @Schema(description = "Locale of the original text", example = "zh-CN")
        String originalLocale,

        @Schema(
                description = "Every locale this article can be served in, original first",
                example = "[\"zh-CN\", \"en\"]")
        List<String> availableLocales,

        @Schema(example = "党建引领温州福彩高质量发展：销量再破20亿，筹集公益金5亿多元") String title,

        @Schema(nullable = true, example = "2019年,是温州福彩走好高质量发展之路的重要一年。")
        String summary,

        @Schema(nullable = true, description = "HTML", example = "<p>全年投入福彩公益金743.9万元</p>")
        String body,

        @Schema(nullable = true, example = "本地新闻") String category,
        @Schema(example = "[\"公益金\", \"温州\"]") List<String> tags,
        @Schema(example = "[\"330300\"]") List<String> regionCodes,

        @Schema(
                nullable = true,
                description = "When it was published; while it is `scheduled`, when it will be",
                example = "2020-01-06T03:49:00Z")
        Instant publishedAt,

        @Schema(
                nullable = true,
                description = "When the scheduler will archive it, if ever",
                example = "2020-02-06T03:49:00Z")
        Instant unpublishAt,

        @Schema(nullable = true, example = "宝宝计划软件园（来源：互联网）")
        String sourceName,

        @Schema(nullable = true, example = "https://www.example.org/news/2020/0106.html")
        String sourceUrl,

        @Schema(nullable = true, example = "温州市福彩中心") String author,

        @Schema(nullable = true, description = "The cover image: for the page's head, lists and link previews")
        ImageRef coverImage,

        ArticleStatus status,

        @Schema(nullable = true, description = "Set when the scheduler published it")
        ScheduledRelease release,

        Instant createdAt,
        Instant updatedAt) {

    /** Its schema's name in the OpenAPI document, for a property that holds it written out ({@code @Schema(ref = ...)}). */
    public static final String SCHEMA = "Article";
}
