package cn.fucai.cms.search;

import cn.fucai.cms.publisher.PublisherRef;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Search records on the wire. */
public final class SearchDtos {

    private SearchDtos() {}

    @Schema(name = "SearchHit", description = "An article that matches, with the best passage highlighted")
    public record SearchHit(
            UUID id,
            @Schema(example = "2019-wenzhou-fucai-review") String slug,
            PublisherRef publisher,

            @Schema(example = "党建引领温州福彩高质量发展:销量再破20亿,筹集公益金5亿多元")
            String title,

            @Schema(nullable = true, example = "2020-01-06T03:49:00Z")
            Instant publishedAt,

            @Schema(example = "published") String status,

            @Schema(
                    enumeration = {"title", "summary", "body"},
                    example = "body")
            String matchedIn,

            @Schema(
                    description = "The passage that matched, HTML-escaped, with <mark> around each hit",
                    example = "…全年投入福彩<mark>公益金</mark>743.9万元,借势借力…")
            String snippet) {}
}
