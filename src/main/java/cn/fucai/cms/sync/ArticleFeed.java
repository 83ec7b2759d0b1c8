package cn.fucai.cms.sync;

import cn.fucai.cms.article.ArticleRead;
import cn.fucai.cms.article.ArticleResponse;
import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.article.ArticleStatus;
import cn.fucai.cms.article.ArticleVersion;
import cn.fucai.cms.common.json.EncodedJson;
import cn.fucai.cms.sync.SyncDtos.SyncItem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The article feed: published articles as the public API shows them, in the mirror's locale. A page reads what decides
 * each article's representation first, without the texts ({@link ArticleVersion}: its version, its publisher's), and
 * keeps each representation it wrote, its JSON and content hash, by those and the locale asked for, as its ETag is
 * kept: a page of articles some mirror read since they last changed is one statement and bytes copied, and only the
 * others are read whole and written. Every answer is the articles as they are at the page's statement; nothing kept
 * outlives a version.
 */
@ApplicationScoped
class ArticleFeed implements SyncFeed<ArticleVersion, SyncItem> {

    private static final ChangeLog LOG = new ChangeLog("article_change", "article_id");

    /** What an article's representation is a function of: its id, its version and its publisher's, the locale asked for. */
    private record Representation(UUID id, long version, long publisherVersion, String locale) {

        static Representation of(ArticleVersion article, String locale) {
            return new Representation(article.id(), article.version(), article.publisherVersion(), locale);
        }
    }

    /** An article as a mirror is sent it: its JSON and the SHA-256 of its canonical JSON. */
    private record Rendered(EncodedJson article, String contentHash) {}

    /** About 200 bytes each: 10 MiB at most. */
    private static final int HASHES_KEPT = 50_000;

    private final ArticleStates states;
    private final ObjectMapper json;
    private final CanonicalJson canonical;
    /** The articles' JSON, as much as the configured MiB hold. */
    private final Cache<Representation, EncodedJson> written;
    /** Whether any JSON is kept: a cache of no weight would still evict each entry as it is put. */
    private final boolean keepsJson;
    /**
     * Their content hashes, kept longer than their JSON: an article written again because its JSON was dropped need
     * not be written a second time, canonically, for its hash.
     */
    private final Cache<Representation, String> hashes =
            Caffeine.newBuilder().maximumSize(HASHES_KEPT).build();

    ArticleFeed(ArticleStates states, ObjectMapper json, CanonicalJson canonical, SyncConfig config) {
        this.keepsJson = config.renderedArticlesMib() > 0;
        this.states = states;
        this.json = json;
        this.canonical = canonical;
        this.written = Caffeine.newBuilder()
                .maximumWeight(config.renderedArticlesMib() * 1024L * 1024L)
                .<Representation, EncodedJson>weigher((key, article) -> article.size() + 200)
                .build();
    }

    @Override
    public ChangeLog changeLog() {
        return LOG;
    }

    @Override
    public String cursorScope(UUID publisherId, String locale) {
        return (publisherId == null ? "*" : publisherId.toString()) + "/" + (locale == null ? "" : locale);
    }

    @Override
    public List<ArticleVersion> publishedAfter(UUID publisherId, UUID afterId, int limit) {
        return states.publishedAfter(publisherId, afterId, limit);
    }

    @Override
    public Map<UUID, ArticleVersion> byIds(Collection<UUID> ids) {
        return states.versionsByIds(ids);
    }

    @Override
    public UUID idOf(ArticleVersion article) {
        return article.id();
    }

    @Override
    public List<SyncItem> items(List<ArticleVersion> articles, UUID publisherId, String locale) {
        Map<UUID, Rendered> kept = new HashMap<>();
        List<UUID> unwritten = new ArrayList<>();
        for (ArticleVersion article : articles) {
            if (removal(article, publisherId) == null) {
                Representation key = Representation.of(article, locale);
                EncodedJson articleJson = written.getIfPresent(key);
                String hash = articleJson == null ? null : hashes.getIfPresent(key);
                if (hash == null) {
                    unwritten.add(article.id());
                } else {
                    kept.put(article.id(), new Rendered(articleJson, hash));
                }
            }
        }
        // read whole only where no representation is kept; as they are now, which may be a later version
        Map<UUID, ArticleRead> reads = states.byIds(unwritten);
        List<SyncItem> items = new ArrayList<>(articles.size());
        for (ArticleVersion listed : articles) {
            ArticleRead read = reads.get(listed.id());
            ArticleVersion article = read == null ? listed : read.versions();
            String removal = removal(article, publisherId);
            Rendered representation = null;
            if (removal == null && read == null) {
                representation = kept.get(article.id());
            } else if (removal == null) {
                representation = render(read, Representation.of(article, locale));
            }
            if (removal == null && representation == null) {
                removal = "deleted"; // gone between the two statements
            }
            items.add(
                    removal != null
                            ? new SyncItem("remove", article.id(), removal, null, null)
                            : new SyncItem(
                                    "upsert",
                                    article.id(),
                                    null,
                                    representation.article(),
                                    representation.contentHash()));
        }
        return items;
    }

    /** The article as {@code key} says it is, written, and kept for the next page that shows it. */
    private Rendered render(ArticleRead read, Representation key) {
        ArticleResponse view = read.state().publicView(key.locale());
        EncodedJson articleJson = EncodedJson.of(json, view);
        if (keepsJson) {
            written.put(key, articleJson);
        }
        return new Rendered(articleJson, hashes.get(key, unused -> canonical.sha256(view)));
    }

    /** Why a mirror of {@code publisherId} must remove the article, or null when it shows it. */
    private static String removal(ArticleVersion article, UUID publisherId) {
        if (article.deleted()) {
            return "deleted";
        }
        if (publisherId != null && !article.publisherId().equals(publisherId)) {
            return "moved";
        }
        if (article.status() != ArticleStatus.published) {
            return article.status() == ArticleStatus.archived ? "archived" : "unpublished";
        }
        return null;
    }
}
