package cn.fucai.cms.article;

import cn.fucai.cms.publisher.PublisherService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads for the feeds (partner sync, Atom): articles as they are now, whatever their status, with publisher and
 * translations, a bounded number of queries whatever the page size, and their public representation.
 */
@ApplicationScoped
public class PublishedArticles {

    private final PublisherService publishers;

    PublishedArticles(PublisherService publishers) {
        this.publishers = publishers;
    }

    /**
     * The current state of these articles, whatever their status, with publisher and translations, in one query:
     * for the partner sync feed, which reports unpublished and deleted ones as removals.
     */
    @Transactional
    public Map<UUID, Article> currentState(Collection<UUID> ids) {
        Map<UUID, Article> articles = new HashMap<>();
        if (!ids.isEmpty()) {
            Article.<Article>find("from Article a join fetch a.publisher left join fetch a.translations where a.id in ?1", ids)
                    .list().forEach(a -> articles.put(a.id, a));
        }
        return articles;
    }

    /** A page of live published articles in id order after {@code afterId}: the snapshot a new mirror starts from. */
    @Transactional
    public List<Article> publishedAfter(UUID publisherId, UUID afterId, int rows) {
        List<UUID> ids = Article.<Article>find("status = ?1 and deletedAt is null and id > ?2"
                        + (publisherId == null ? "" : " and publisher.id = ?3"), Sort.by("id"),
                        publisherId == null ? new Object[] {ArticleStatus.published, afterId} : new Object[] {ArticleStatus.published, afterId, publisherId})
                .page(0, rows).project(IdOnly.class).list().stream().map(IdOnly::id).toList();
        Map<UUID, Article> articles = currentState(ids);
        return ids.stream().map(articles::get).toList();
    }

    /** The newest published articles, of one publisher or all, with publisher and translations: for Atom feeds. */
    @Transactional
    public List<Article> latestPublished(String publisherIdOrSlug, int rows) {
        UUID publisherId = publisherIdOrSlug == null ? null : publishers.get(publisherIdOrSlug).id;
        List<UUID> ids = Article.<Article>find("status = ?1 and deletedAt is null" + (publisherId == null ? "" : " and publisher.id = ?2"),
                        Sort.by("publishedAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending),
                        publisherId == null ? new Object[] {ArticleStatus.published} : new Object[] {ArticleStatus.published, publisherId})
                .page(0, rows).project(IdOnly.class).list().stream().map(IdOnly::id).toList();
        Map<UUID, Article> articles = currentState(ids);
        return ids.stream().map(articles::get).toList();
    }

    /** Projection of an article's id. */
    public record IdOnly(UUID id) {
    }

    /** The article as the public API shows it in the preferred locale (falling back to the original). */
    public ArticleDtos.ArticleResponse publicView(Article article, String locale) {
        String served = Locales.choose(Locales.preferences(locale, null), article.locale,
                article.translations.stream().map(t -> t.locale).toList());
        return ArticleDtos.ArticleResponse.from(article, served);
    }

}
