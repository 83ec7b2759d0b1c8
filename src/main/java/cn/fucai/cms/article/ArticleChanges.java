package cn.fucai.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Notes that an article changed, in the transaction of the change, for the partner sync feed. */
@ApplicationScoped
class ArticleChanges {

    private final Jdbi jdbi;

    ArticleChanges(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void record(UUID articleId, UUID publisherId, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "insert into article_change (article_id, publisher_id, changed_at) values (:article, :publisher, :at)")
                .bind("article", articleId)
                .bind("publisher", publisherId)
                .bind("at", at)
                .execute());
    }
}
