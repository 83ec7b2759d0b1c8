package cn.fucai.cms.sync;

import cn.fucai.cms.article.ArticleContent;
import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.article.ArticleStatus;
import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.media.MediaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The partner sync feed's log: every change to what mirrors show, noted in the transaction of the change. An article
 * written while published, or published or unpublished by the write, is a change for its publisher, and for the
 * publisher it left when it moved; a publisher renamed is a change to each of its live articles and media items,
 * which show its name. Other changes of media are noted by triggers.
 */
@ApplicationScoped
class ChangeFeed {

    @Inject
    Jdbi jdbi;

    @Inject
    ArticleStates articles;

    @Inject
    MediaService media;

    void onChange(@Observes ContentChanged change) {
        List<Row> rows = new ArrayList<>();
        List<UUID> renamed = new ArrayList<>();
        for (ContentChanged.Written written : change.written()) {
            if (change.kind() == ContentKind.ARTICLE && (shown(written.before()) || shown(written.after()))) {
                rows.add(new Row((UUID) written.id(), written.publisherId()));
                if (written.formerPublisherId() != null) {
                    // the old publisher's mirrors must hear that the article left them
                    rows.add(new Row((UUID) written.id(), written.formerPublisherId()));
                }
            } else if (change.kind() == ContentKind.PUBLISHER && change.action() == ChangeAction.UPDATE) {
                articles.liveIdsOf(written.publisherId())
                        .forEach(article -> rows.add(new Row(article, written.publisherId())));
                renamed.add(written.publisherId());
            }
        }
        // media rows are noted by triggers (V18), except for a publisher renamed: its items show its name
        for (UUID publisher : renamed) {
            noteMedia(publisher, media.liveIdsOf(publisher), change);
        }
        if (rows.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    insert into article_change (article_id, publisher_id, changed_at) values (:article, :publisher, :at)""");
            for (Row row : rows) {
                batch.bind("article", row.article())
                        .bind("publisher", row.publisher())
                        .bind("at", change.at())
                        .add();
            }
            batch.execute();
        });
    }

    /**
     * Whether mirrors show an article in this state: a write that keeps an article out of their sight (a draft saved, a
     * scheduled one moved) is no change of theirs, and noting it would tell them that it exists.
     */
    private static boolean shown(Object state) {
        return state instanceof ArticleContent content && content.status() == ArticleStatus.published;
    }

    private void noteMedia(UUID publisher, List<UUID> items, ContentChanged change) {
        if (items.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into media_change (media_id, publisher_id, changed_at)
                        select item, :publisher, :at from unnest(:items) as item""")
                .bind("items", items.toArray(UUID[]::new))
                .bind("publisher", publisher)
                .bind("at", change.at())
                .execute());
    }

    private record Row(UUID article, UUID publisher) {}
}
