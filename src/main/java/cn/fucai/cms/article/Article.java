package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.UuidEntity;
import cn.fucai.cms.media.ImageRef;
import cn.fucai.cms.publisher.Publisher;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A news article in its original locale, with its translations; deleting leaves a tombstone for mirrors. */
@Entity
public class Article extends UuidEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Publisher publisher;

    public String slug;
    /** BCP 47 tag of the original text. */
    public String locale;

    public String title;
    public String summary;
    public String body;
    public String category;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] tags = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] regionCodes = new String[0];
    /** regionCodes plus their ancestors; maintained by {@link #revise}, read only by filters. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] regionScope = new String[0];

    /** When it is (or was) published; in the future while it is scheduled. */
    public Instant publishedAt;

    /** When the scheduler archives it, if ever. */
    public Instant unpublishAt;

    /** How the scheduler published it ({@link ScheduledRelease}): jsonb; null when published by hand. */
    @ColumnTransformer(write = "?::jsonb")
    public String release;

    public String sourceName;

    public String sourceUrl;

    public String author;

    /** The cover image as it was resolved when written ({@link ImageRef}): jsonb. */
    @ColumnTransformer(write = "?::jsonb")
    public String cover;

    @Enumerated(EnumType.STRING)
    public ArticleStatus status;

    @Version
    public long version;

    public Instant createdAt;

    public Instant updatedAt;
    /** When it was first published; kept when it is unpublished or deleted, so that its removal answers 410. */
    public Instant firstPublishedAt;

    public Instant deletedAt;

    /** The locales of its published translations, sorted; maintained by {@link #revise}, read by lists and revalidations. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] translationLocales = new String[0];

    @OneToMany(mappedBy = "article", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("locale")
    public List<ArticleTranslation> translations = new ArrayList<>();

    /** The article with its publisher and translations, tombstones included, in one SQL statement. */
    public static Optional<Article> findWithDetails(UUID id) {
        // list(), not firstResultOptional(): a row limit with a collection fetch is applied in memory, with a warning
        // logged on every read.
        return find("from Article a join fetch a.publisher left join fetch a.translations where a.id = ?1", id)
                .<Article>list()
                .stream()
                .findFirst();
    }

    /** The live article with this slug under the publisher, else its latest tombstone. */
    public static Optional<Article> findBySlug(UUID publisherId, String slug) {
        List<Article> matches = find("""
                from Article a join fetch a.publisher left join fetch a.translations
                where a.publisher.id = ?1 and a.slug = ?2 order by a.deletedAt desc nulls first""", publisherId, slug).list();
        return matches.stream().findFirst();
    }

    public static boolean slugTaken(UUID publisherId, String slug, UUID exceptId) {
        return anyId(
                "select a.id from Article a where a.publisher.id = ?1 and a.slug = ?2 and a.deletedAt is null"
                        + " and a.id <> ?3",
                publisherId,
                slug,
                exceptId == null ? new UUID(0, 0) : exceptId);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** Whether it was ever public: then its deletion is news to everyone, not a secret. */
    public boolean wasEverPublished() {
        return firstPublishedAt != null;
    }

    /** As stored, with the translations readers are served: what {@link ArticleState#in} renders. */
    ArticleState state() {
        ArticleContent content = content();
        return new ArticleState(
                id,
                publisher == null ? null : PublisherRef.from(publisher),
                content,
                createdAt,
                updatedAt,
                deletedAt,
                content.publishedTranslations().stream()
                        .map(ArticleContent.Translation::locale)
                        .toList());
    }

    /** The current editable state. */
    ArticleContent content() {
        return new ArticleContent(
                publisher == null ? null : publisher.id,
                slug,
                new ArticleContent.Localized(locale, title, summary, body),
                category,
                List.of(tags),
                List.of(regionCodes),
                publishedAt,
                unpublishAt,
                sourceName,
                sourceUrl,
                author,
                ImageRef.fromJson(cover),
                status,
                ScheduledRelease.fromJson(release),
                translations.stream().map(ArticleTranslation::content).toList());
    }

    /**
     * Brings the article to {@code content}. Returns false, touching nothing, when it already is; otherwise stamps
     * updatedAt, which also moves the version.
     */
    boolean revise(ArticleContent content, Publisher newPublisher, Set<String> newRegionScope, Instant now) {
        if (id != null && content.equals(content())) {
            return false;
        }
        publisher = newPublisher;
        slug = content.slug();
        locale = content.original().locale();
        title = content.original().title();
        summary = content.original().summary();
        body = content.original().body();
        category = content.category();
        tags = content.tags().toArray(String[]::new);
        regionCodes = content.regionCodes().toArray(String[]::new);
        regionScope = newRegionScope.toArray(String[]::new);
        publishedAt = content.publishedAt();
        unpublishAt = content.unpublishAt();
        release = content.release() == null ? null : content.release().toJson();
        sourceName = content.sourceName();
        sourceUrl = content.sourceUrl();
        author = content.author();
        cover = content.coverImage() == null ? null : content.coverImage().toJson();
        status = content.status();
        if (status == ArticleStatus.published && firstPublishedAt == null) {
            firstPublishedAt = now;
        }
        reviseTranslations(content.translations(), now);
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
        return true;
    }

    private void reviseTranslations(List<ArticleContent.Translation> wanted, Instant now) {
        Map<String, ArticleTranslation> existing = new HashMap<>();
        translations.forEach(t -> existing.put(t.locale, t));
        List<ArticleTranslation> next = new ArrayList<>();
        for (ArticleContent.Translation text : wanted) {
            ArticleTranslation translation = existing.get(text.locale());
            if (translation == null) {
                translation = new ArticleTranslation();
                translation.article = this;
                translation.locale = text.locale();
                translation.createdAt = now;
            }
            if (!text.equals(translation.content())) {
                translation.title = text.title();
                translation.summary = text.summary();
                translation.body = text.body();
                translation.status = text.status();
                translation.originalDigest = text.originalDigest();
                translation.updatedAt = now;
            }
            next.add(translation);
        }
        translations.clear();
        translations.addAll(next);
        translationLocales = next.stream()
                .filter(t -> t.status == TranslationStatus.published)
                .map(t -> t.locale)
                .sorted()
                .toArray(String[]::new);
    }

    void markDeleted(Instant now) {
        deletedAt = now;
        updatedAt = now;
    }
}
