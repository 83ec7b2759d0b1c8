package cn.fucai.cms.article;

import cn.fucai.cms.common.json.EncodedJson;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.validation.Patterns;
import cn.fucai.cms.media.ImageRef;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Article records on the wire. */
public final class ArticleDtos {

    private ArticleDtos() {}

    @Schema(name = "ArticleRequest", description = """
            An article to create, or its full new state for PUT. On PUT, omitting `translations` keeps the existing ones
            (send `[]` to remove them all), and omitting `publishedAt` keeps the existing date; publishing an article
            without a date dates it now.""")
    public record ArticleRequest(
            @NotBlank @Size(max = 100) @Schema(description = "Id or slug of the publisher", example = "wenzhou-fucai")
            String publisher,

            @NotBlank
            @Size(max = 120)
            @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE)
            @Schema(
                    description = "URL name, unique among the publisher's live articles",
                    example = "2019-wenzhou-fucai-review")
            String slug,

            @NotBlank @Size(max = 35) @Schema(description = "BCP 47 tag of the original text", example = "zh-CN")
            String locale,

            @NotBlank @Size(max = 300) @Schema(example = "党建引领温州福彩高质量发展：销量再破20亿，筹集公益金5亿多元")
            String title,

            @Size(max = 2000) @Schema(nullable = true, example = "2019年，是温州福彩走好高质量发展之路的重要一年。")
            String summary,

            @Size(max = 500_000)
            @Schema(description = "HTML", nullable = true, example = "<p>2019年，是温州福彩走好高质量发展之路的重要一年。</p>")
            String body,

            @Size(max = 50) @Schema(nullable = true, example = "本地新闻")
            String category,

            @Size(max = 30) @Schema(example = "[\"公益金\", \"温州\"]")
            List<@NotBlank @Size(max = 50) String> tags,

            @Size(max = 50) @Schema(description = "GB/T 2260 codes the article is about", example = "[\"330300\"]")
            List<@NotNull @Pattern(regexp = Patterns.REGION_CODE, message = Patterns.REGION_CODE_MESSAGE) String>
                    regionCodes,

            @Schema(
                    description = "RFC 3339 with an offset, stored as an absolute instant. With status `published` or"
                            + " `scheduled`, a time in the future schedules the article (status `scheduled`: invisible"
                            + " to readers until then) and a time in the past publishes it now",
                    nullable = true,
                    example = "2020-01-06T11:49:00+08:00")
            Instant publishedAt,

            @Schema(
                    description = "RFC 3339 with an offset: when the scheduler archives the published article. After"
                            + " publishedAt, and in the future",
                    nullable = true,
                    example = "2020-02-06T11:49:00+08:00")
            Instant unpublishAt,

            @Size(max = 200) @Schema(nullable = true, example = "宝宝计划软件园（来源：互联网）")
            String sourceName,

            @Size(max = 2000)
            @Pattern(regexp = Patterns.HTTP_URL, message = Patterns.HTTP_URL_MESSAGE)
            @Schema(nullable = true, example = "https://www.example.org/news/2020/0106.html")
            String sourceUrl,

            @Size(max = 100) @Schema(nullable = true, example = "温州市福彩中心")
            String author,

            @Schema(
                    nullable = true,
                    description = "An image of the publisher's media library to show as the cover; public while the"
                            + " article is published, and not deletable while the article uses it",
                    example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
            UUID coverImageId,

            @Size(max = 1000)
            @Schema(
                    nullable = true,
                    description = "What the cover shows, for readers who cannot see it; the image's own alt text when"
                            + " left out",
                    example = "工作人员看望敬老院的老人")
            String coverImageAlt,

            @NotNull @Schema(example = "published") ArticleStatus status,

            @Size(max = 20)
            @Schema(
                    nullable = true,
                    description = "The article in other locales; on PUT, omit to keep them",
                    example =
                            "[{\"locale\":\"en\",\"title\":\"2019: Wenzhou welfare lottery sales pass 2 billion yuan\"}]")
            List<@Valid @NotNull TranslationRequest> translations) {}

    @Schema(name = "TranslationRequest", description = "The article in another locale")
    public record TranslationRequest(
            @NotBlank @Size(max = 35) @Schema(example = "en")
            String locale,

            @NotBlank @Size(max = 300) @Schema(example = "2019: Wenzhou welfare lottery sales pass 2 billion yuan")
            String title,

            @Size(max = 2000) @Schema(nullable = true, example = "Over 500 million yuan of public-welfare fund raised")
            String summary,

            @Size(max = 500_000)
            @Schema(
                    nullable = true,
                    description = "HTML",
                    example = "<p>2019 was an important year for Wenzhou welfare lottery.</p>")
            String body,

            @Schema(
                    nullable = true,
                    description = "draft: readers are served the original until it is published. When left out, a"
                            + " translation keeps its status, and a new one is published",
                    example = "published")
            TranslationStatus status,

            @Schema(
                    nullable = true,
                    description = "true: it was checked against the original as it is now and still says the same,"
                            + " which clears `stale` without changing its text. Editing its text or status does"
                            + " too. Write-only")
            Boolean upToDate) {}

    @Schema(name = "ArticleTranslations", description = "An article's translations as its editors see them")
    public record ArticleTranslations(
            UUID articleId,
            @Schema(example = "zh-CN") String originalLocale,

            @Schema(description = "In locale order, drafts included")
            List<TranslationState> translations) {

        static ArticleTranslations of(Article article) {
            ArticleContent.Localized original = article.content().original();
            return new ArticleTranslations(
                    article.id,
                    original.locale(),
                    article.translations.stream()
                            .sorted(Comparator.comparing(t -> t.locale))
                            .map(t -> new TranslationState(
                                    t.locale,
                                    t.status,
                                    t.content().isStaleAgainst(original),
                                    t.title,
                                    t.summary,
                                    t.body,
                                    t.createdAt,
                                    t.updatedAt))
                            .toList());
        }
    }

    @Schema(name = "TranslationState", description = "A translation with its status and whether it is stale")
    public record TranslationState(
            @Schema(example = "en") String locale,

            @Schema(description = "Readers are served only published translations")
            TranslationStatus status,

            @Schema(
                    description = "The original changed after this translation was last written or checked against"
                            + " it (see `upToDate` in TranslationRequest)")
            boolean stale,

            @Schema(example = "2019: Wenzhou welfare lottery sales pass 2 billion yuan")
            String title,

            @Schema(nullable = true) String summary,
            @Schema(nullable = true, description = "HTML") String body,
            Instant createdAt,
            Instant updatedAt) {}

    @Schema(name = "ArticleSummary", description = "An article in a list: everything but the body")
    public record ArticleSummary(
            UUID id,
            @Schema(example = "2019-wenzhou-fucai-review") String slug,
            PublisherRef publisher,
            @Schema(example = "zh-CN") String locale,
            @Schema(example = "zh-CN") String originalLocale,
            @Schema(example = "[\"zh-CN\", \"en\"]") List<String> availableLocales,

            @Schema(example = "党建引领温州福彩高质量发展：销量再破20亿，筹集公益金5亿多元")
            String title,

            @Schema(nullable = true, example = "2019年,是温州福彩走好高质量发展之路的重要一年。")
            String summary,

            @Schema(nullable = true, example = "本地新闻") String category,
            @Schema(example = "[\"公益金\", \"温州\"]") List<String> tags,
            @Schema(example = "[\"330300\"]") List<String> regionCodes,

            @Schema(nullable = true, example = "2020-01-06T03:49:00Z")
            Instant publishedAt,

            @Schema(nullable = true, description = "The cover image, for a list's thumbnails")
            ImageRef coverImage,

            ArticleStatus status,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * A page of the article list as it goes out: each summary is the JSON it was first written as, kept by
     * {@link ArticleListQuery}, so a page of articles listed before is copied rather than written again. Documented as
     * the summaries it holds.
     */
    @Schema(name = "PageArticleSummary")
    public record ArticleSummaryPage(
            @Schema(
                    description = "The items of this page, in the requested order",
                    type = SchemaType.ARRAY,
                    implementation = ArticleSummary.class)
            List<EncodedJson> items,

            @Schema(
                    description = "Opaque cursor of the next page; null on the last page",
                    nullable = true,
                    example = Page.CURSOR_EXAMPLE)
            String nextCursor) {}

    @Schema(name = "Preview", description = "A link that shows an article as readers will see it, until it expires")
    public record PreviewResponse(
            @Schema(description = "The signed token; any byte changed and it opens nothing")
            String token,

            @Schema(
                    description = "The link: GET it without a token",
                    example = "https://cms.example.org/api/v1/previews/MDE5MGI4YTIt.x7Qm")
            String url,

            Instant expiresAt) {}
}
