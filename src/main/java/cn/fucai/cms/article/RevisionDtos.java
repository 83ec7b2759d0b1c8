package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleRequest;
import cn.fucai.cms.article.ArticleDtos.TranslationRequest;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Revisions of an article on the wire. */
final class RevisionDtos {

    private RevisionDtos() {}

    @Schema(name = "RevisionAuthor", description = "Who saved a revision: a token or an account, with its name")
    record Author(
            @Schema(nullable = true) UUID tokenId,
            @Schema(nullable = true) UUID accountId,
            @Schema(example = "chenjing") String name) {

        static Author of(ArticleRevisions.Row row) {
            return row.actorName() == null && row.tokenId() == null && row.accountId() == null
                    ? null
                    : new Author(row.tokenId(), row.accountId(), row.actorName());
        }
    }

    @Schema(name = "ArticleRevisionSummary", description = "One save of an article: who, when, what changed")
    record RevisionSummary(
            @Schema(example = "3") int number,
            Instant createdAt,

            @Schema(
                    description = "create, update, restore, release or expire (the scheduler's), or baseline: the"
                            + " article as it was when revisions began to be kept",
                    example = "update")
            String action,

            @Schema(nullable = true, description = "Null for the scheduler and for a baseline")
            Author author,

            @Schema(
                    description =
                            "API names of the fields this save changed; translations[en].body for a" + " translation's",
                    example = "[\"title\", \"body\"]")
            List<String> changedFields,

            @Schema(nullable = true, description = "For a restore: the revision restored", example = "1")
            Integer restoredFrom) {

        static RevisionSummary from(ArticleRevisions.Row row) {
            return new RevisionSummary(
                    row.number(),
                    row.createdAt(),
                    row.action(),
                    Author.of(row),
                    row.changedFields(),
                    row.restoredFrom());
        }
    }

    @Schema(name = "ArticleRevision", description = "One save of an article, with the whole article as it then was")
    record RevisionResponse(
            @Schema(example = "3") int number,
            Instant createdAt,
            @Schema(example = "update") String action,
            @Schema(nullable = true) Author author,
            List<String> changedFields,
            @Schema(nullable = true) Integer restoredFrom,

            @Schema(description = "The article as it was, in the shape PUT takes: load it into an editor as it is")
            ArticleRequest article) {

        static RevisionResponse from(ArticleRevisions.Row row) {
            RevisionSummary summary = RevisionSummary.from(row);
            return new RevisionResponse(
                    summary.number(),
                    summary.createdAt(),
                    summary.action(),
                    summary.author(),
                    summary.changedFields(),
                    summary.restoredFrom(),
                    request(row.article(), row.article()));
        }
    }

    @Schema(name = "ReviewNote", description = "What a submission, approval or return says to the others")
    record ReviewNote(
            @Size(max = 2000)
            @Schema(
                    nullable = true,
                    description = "Required to send an article back: what to change",
                    example = "第二段的公益金数额请与年报核对")
            String note) {}

    @Schema(name = "ReviewStep", description = "One step of an article's review: who, when, what they said")
    record ReviewStep(
            @Schema(example = "1") int number,

            @Schema(
                    enumeration = {"submitted", "approved", "returned"},
                    example = "returned")
            String step,

            @Schema(description = "The revision this step made", example = "4")
            int revision,

            Author author,

            @Schema(nullable = true, example = "第二段的公益金数额请与年报核对")
            String note,

            Instant createdAt) {

        static ReviewStep from(ArticleReviews.Step step) {
            return new ReviewStep(
                    step.number(),
                    step.step(),
                    step.revision(),
                    new Author(step.tokenId(), step.accountId(), step.actorName()),
                    step.note(),
                    step.createdAt());
        }
    }

    @Schema(name = "ArticleRevisionDiff", description = "What changed from one revision to another, field by field")
    record DiffResponse(
            @Schema(example = "2") int from,
            @Schema(example = "3") int to,
            List<Change> changes) {}

    @Schema(name = "RevisionChange", description = "One field that differs between two revisions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(
            @Schema(example = "body") String field,

            @Schema(type = SchemaType.OBJECT, implementation = Object.class, nullable = true, description = "As it was")
            Object before,

            @Schema(type = SchemaType.OBJECT, implementation = Object.class, nullable = true, description = "As it is")
            Object after,

            @Schema(
                    nullable = true,
                    description = "For titles, summaries and bodies (as the text readers see): the word-level diff;"
                            + " each Chinese character is a word")
            List<Segment> words) {

        static Change from(RevisionDiff.Change change) {
            return new Change(
                    change.field(),
                    change.before(),
                    change.after(),
                    change.words() == null
                            ? null
                            : change.words().stream()
                                    .map(s -> new Segment(s.op(), s.text()))
                                    .toList());
        }
    }

    @Schema(name = "DiffSegment", description = "A run of text that is in both, only before, or only after")
    record Segment(
            @Schema(
                    enumeration = {"equal", "delete", "insert"},
                    example = "insert")
            String op,

            @Schema(example = "超过") String text) {}

    /**
     * {@code content}'s texts, tags, regions, source and cover as a PUT request, with the publisher, slug and
     * publication of {@code current}: what a restore writes (it brings back what the article said, not where or when it
     * is published), and, with {@code current} the revision itself, how a revision is shown.
     */
    static ArticleRequest request(ArticleContent content, ArticleContent current) {
        return new ArticleRequest(
                current.publisherId().toString(),
                current.slug(),
                content.original().locale(),
                content.original().title(),
                content.original().summary(),
                content.original().body(),
                content.category(),
                content.tags(),
                content.regionCodes(),
                current.publishedAt(),
                current.unpublishAt(),
                content.sourceName(),
                content.sourceUrl(),
                content.author(),
                content.coverImage() == null ? null : content.coverImage().id(),
                content.coverImage() == null ? null : content.coverImage().alt(),
                current.status(),
                content.translations().stream()
                        .map(t ->
                                new TranslationRequest(t.locale(), t.title(), t.summary(), t.body(), t.status(), null))
                        .toList());
    }
}
