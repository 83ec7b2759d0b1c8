package cn.fucai.cms.sync;

import cn.fucai.cms.article.ArticleResponse;
import cn.fucai.cms.common.json.EncodedJson;
import cn.fucai.cms.media.MediaResponse;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Sync feed records on the wire. */
public final class SyncDtos {

    private SyncDtos() {}

    @Schema(name = "SyncPage", description = "One page of the change feed, or of the snapshot that starts it")
    public record SyncPage(
            List<SyncItem> items,

            @Schema(
                    description = "Where to continue; always present: keep it and ask again later for what follows",
                    example = "djEfZmVlZB8xMjM0NR8wHzE3NjQ")
            String nextCursor,

            @Schema(description = "True when more items are ready now; false when the mirror is up to date")
            boolean hasMore,

            @JsonIgnore @Schema(hidden = true) boolean settled) {

        /**
         * One page; {@code settled} says it can change only through an article change, which every cache hears of.
         * A feed page that stops short of changes still hidden behind an open transaction is not: they show later
         * with no change of their own.
         */
        public SyncPage {}
    }

    @Schema(
            name = "SyncItem",
            description = "What a mirror must do for one article: store it, or remove it",
            requiredProperties = {"type", "id"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyncItem(
            @Schema(
                    enumeration = {"upsert", "remove"},
                    example = "upsert")
            String type,

            @Schema(example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
            UUID id,

            @Schema(
                    nullable = true,
                    description = "Why a mirror must remove it",
                    enumeration = {"deleted", "unpublished", "archived", "moved"},
                    example = "unpublished")
            String reason,

            @Schema(ref = ArticleResponse.SCHEMA, description = "For upserts: the article as the public API shows it")
            EncodedJson article,

            @Schema(
                    nullable = true,
                    description = "For upserts: SHA-256 of the article's canonical JSON (keys sorted, no spaces)",
                    example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            String contentHash) {}

    @Schema(
            name = "MediaSyncPage",
            description = "One page of the media change feed, or of the snapshot that starts it")
    public record MediaSyncPage(
            List<MediaSyncItem> items,

            @Schema(
                    description = "Where to continue; always present: keep it and ask again later for what follows",
                    example = "djEfZmVlZB8xMjM0NR8wHzE3NjQ")
            String nextCursor,

            @Schema(description = "True when more items are ready now; false when the mirror is up to date")
            boolean hasMore,

            @JsonIgnore @Schema(hidden = true) boolean settled) {}

    @Schema(
            name = "MediaSyncItem",
            description =
                    "What a mirror must do for one image or PDF: store it (and fetch its files once), or remove it",
            requiredProperties = {"type", "id"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MediaSyncItem(
            @Schema(
                    enumeration = {"upsert", "remove"},
                    example = "upsert")
            String type,

            @Schema(example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
            UUID id,

            @Schema(
                    nullable = true,
                    description = "Why a mirror must remove it: deleted, or no published content uses it any more",
                    enumeration = {"deleted", "unpublished"},
                    example = "unpublished")
            String reason,

            @Schema(
                    nullable = true,
                    description = "For upserts: the item as the public API shows it; its files are at `url` and in"
                            + " `renditions`, named by the SHA-256 of their content, so a file already fetched never"
                            + " changes")
            MediaResponse media,

            @Schema(
                    nullable = true,
                    description = "For upserts: SHA-256 of the item's canonical JSON (keys sorted, no spaces); the"
                            + " file's own SHA-256 is `media.sha256`",
                    example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            String contentHash) {}
}
