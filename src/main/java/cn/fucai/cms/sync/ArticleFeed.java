package cn.fucai.cms.sync;

import cn.fucai.cms.article.ArticleRead;
import cn.fucai.cms.article.ArticleResponse;
import cn.fucai.cms.article.ArticleState;
import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.article.ArticleStatus;
import cn.fucai.cms.sync.SyncDtos.SyncItem;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The article feed: published articles as the public API shows them, in the mirror's locale. Each item's content hash
 * is kept by what decides the article's representation in a locale, as its ETag is (its version, its publisher's,
 * the locale asked for): a page of twenty serialises each article once for the page, not once more for its hash, when
 * mirrors read articles that have not changed since one of them last did.
 */
@ApplicationScoped
class ArticleFeed implements SyncFeed<ArticleRead, SyncItem> {

    /** About 200 bytes each: 10 MiB at most. */
    private static final int HASHES_KEPT = 50_000;

    @Inject
    ArticleStates states;

    @Inject
    CanonicalJson canonical;

    private static final ChangeLog LOG = new ChangeLog("article_change", "article_id");

    private final Cache<Representation, String> hashes =
            Caffeine.newBuilder().maximumSize(HASHES_KEPT).build();

    /** What an article's representation is a function of: its id, its version and its publisher's, the locale asked for. */
    private record Representation(UUID id, long version, long publisherVersion, String locale) {}

    @Override
    public ChangeLog changeLog() {
        return LOG;
    }

    @Override
    public String cursorScope(UUID publisherId, String locale) {
        return (publisherId == null ? "*" : publisherId.toString()) + "/" + (locale == null ? "" : locale);
    }

    @Override
    public List<ArticleRead> publishedAfter(UUID publisherId, UUID afterId, int limit) {
        return states.publishedAfter(publisherId, afterId, limit);
    }

    @Override
    public Map<UUID, ArticleRead> byIds(Collection<UUID> ids) {
        return states.byIds(ids);
    }

    @Override
    public UUID idOf(ArticleRead article) {
        return article.state().id();
    }

    @Override
    public SyncItem item(ArticleRead read, UUID publisherId, String locale) {
        ArticleState article = read.state();
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
        String hash = hashes.get(
                new Representation(article.id(), read.version(), read.publisherVersion(), locale),
                representation -> canonical.sha256(view));
        return new SyncItem("upsert", article.id(), null, view, hash);
    }

    private static SyncItem remove(ArticleState article, String reason) {
        return new SyncItem("remove", article.id(), reason, null, null);
    }
}
