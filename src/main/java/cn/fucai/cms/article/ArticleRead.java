package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.Database;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * An article as one reader asks for it, by id or slug: its state with every translation, and what its ETag,
 * Last-Modified and visibility need. Read in one statement, without entities or a transaction.
 */
public record ArticleRead(
        ArticleState state, long version, long publisherVersion, Instant publisherUpdatedAt, boolean everPublished) {

    /** The columns {@link #mapping} reads beyond the state's, with the article as {@code a} and its publisher as {@code p}. */
    static final String COLUMNS = "a.version, a.first_published_at is not null as ever_published,"
            + " p.version as publisher_version, p.updated_at as publisher_updated_at";

    static RowMapper<ArticleRead> mapping(RowMapper<ArticleState> states) {
        return (rs, context) -> new ArticleRead(
                states.map(rs, context),
                rs.getLong("version"),
                rs.getLong("publisher_version"),
                Database.instant(rs, "publisher_updated_at"),
                rs.getBoolean("ever_published"));
    }

    /** What decides how a mirror shows it: {@link ArticleVersion}, as {@link ArticleStates#versionsByIds} reads it alone. */
    public ArticleVersion versions() {
        return new ArticleVersion(
                state.id(), state.publisher().id(), state.status(), state.isDeleted(), version, publisherVersion);
    }

    /** What a conditional read compares, taken from the state: as {@link ArticleValidators#SELECT} reads it alone. */
    ArticleValidators validators() {
        return new ArticleValidators(
                state.id(),
                state.publisher().id(),
                state.status(),
                state.isDeleted(),
                everPublished,
                state.original().locale(),
                state.translationLocales(),
                version,
                publisherVersion,
                state.updatedAt(),
                publisherUpdatedAt);
    }
}
