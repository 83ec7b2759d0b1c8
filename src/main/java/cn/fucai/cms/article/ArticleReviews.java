package cn.fucai.cms.article;

import cn.fucai.cms.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The review log of articles: each submission, approval and return, with who, when, the note and the revision it
 * made. Written in the transaction of the step, which holds the article's row.
 */
@ApplicationScoped
class ArticleReviews {

    @Inject
    Jdbi jdbi;

    /** One step, as stored. */
    record Step(
            int number,
            String step,
            int revision,
            UUID tokenId,
            UUID accountId,
            String actorName,
            String note,
            Instant createdAt) {}

    void record(UUID articleId, String step, int revision, Caller caller, String note, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into article_review (article_id, number, step, revision, token_id, account_id,
                            actor_name, note, created_at)
                        select :id, coalesce(max(number), 0) + 1, :step, :revision, :token, :account, :actor, :note,
                               :at
                        from article_review where article_id = :id""")
                .bind("id", articleId)
                .bind("step", step)
                .bind("revision", revision)
                .bind("token", caller.tokenId())
                .bind("account", caller.accountId())
                .bind("actor", caller.name())
                .bind("note", note)
                .bind("at", at)
                .execute());
    }

    /** Oldest first: the whole conversation. */
    List<Step> of(UUID articleId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select number, step, revision, token_id, account_id, actor_name, note, created_at
                        from article_review where article_id = :id order by number""")
                .bind("id", articleId)
                .map(ConstructorMapper.of(Step.class))
                .list());
    }
}
