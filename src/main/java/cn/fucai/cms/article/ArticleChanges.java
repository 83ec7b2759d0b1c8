package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Notes that an article changed, in the transaction of the change, for the partner sync feed. */
@ApplicationScoped
class ArticleChanges {

    private final Jdbc jdbc;

    ArticleChanges(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID articleId, UUID publisherId, Instant at) {
        jdbc.update(
                "insert into article_change (article_id, publisher_id, changed_at) values (?, ?, ?)",
                articleId,
                publisherId,
                at.atOffset(ZoneOffset.UTC));
    }
}
