package cn.fucai.cms.sync;

import cn.fucai.cms.article.ArticleResponse;
import cn.fucai.cms.article.ArticleState;
import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.article.ArticleStatus;
import cn.fucai.cms.sync.SyncDtos.SyncItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The article feed: published articles as the public API shows them, in the mirror's locale. */
@ApplicationScoped
class ArticleFeed implements SyncFeed<ArticleState, SyncItem> {

    @Inject
    ArticleStates states;

    @Inject
    CanonicalJson canonical;

    private static final ChangeLog LOG = new ChangeLog("article_change", "article_id");

    @Override
    public ChangeLog changeLog() {
        return LOG;
    }

    @Override
    public String cursorScope(UUID publisherId, String locale) {
        return (publisherId == null ? "*" : publisherId.toString()) + "/" + (locale == null ? "" : locale);
    }

    @Override
    public List<ArticleState> publishedAfter(UUID publisherId, UUID afterId, int limit) {
        return states.publishedAfter(publisherId, afterId, limit);
    }

    @Override
    public Map<UUID, ArticleState> byIds(Collection<UUID> ids) {
        return states.byIds(ids);
    }

    @Override
    public UUID idOf(ArticleState article) {
        return article.id();
    }

    @Override
    public SyncItem item(ArticleState article, UUID publisherId, String locale) {
        if (article.isDeleted()) {
            return remove(article, "deleted");
        }
        if (publisherId != null && !article.publisher().id().equals(publisherId)) {
            return remove(article, "moved");
        }
        if (article.status() != ArticleStatus.published) {
            return remove(article, article.status() == ArticleStatus.archived ? "archived" : "unpublished");
        }
        ArticleResponse view = article.publicView(locale);
        return new SyncItem("upsert", article.id(), null, view, canonical.sha256(view));
    }

    private static SyncItem remove(ArticleState article, String reason) {
        return new SyncItem("remove", article.id(), reason, null, null);
    }
}
