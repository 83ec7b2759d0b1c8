package cn.fucai.cms.article;

import cn.fucai.cms.common.replica.ReadRouting;
import cn.fucai.cms.common.sql.CoalescedReads;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Articles as they are now, whatever their status, with publisher and every published translation (what readers can
 * be served; drafts of translations are the editors' alone, read through the entity), in one SQL statement and
 * without entities: what the partner sync reads by the hundred, where loading entities and checking them for changes
 * at commit cost more than the query.
 */
@ApplicationScoped
public class ArticleStates {

    /** The statement: the article's columns, then those in place of the first %s, from the joins in place of the second. */
    private static final String TEMPLATE = """
            select a.id, a.slug, a.locale, a.title, a.summary, a.body, a.category, a.tags, a.region_codes, a.published_at,
                   a.unpublish_at, a.source_name, a.source_url, a.author, a.cover, a.status, a.release, a.created_at,
                   a.updated_at, a.deleted_at,
                   %s
            from article a""" + PublisherRef.joinedTo("a") + "\n%s";

    /** Every published translation, by locale: its locales (as translation_locales), titles, summaries and bodies. */
    private static final String EVERY_TRANSLATION = """
            left join lateral (select array_agg(t.locale order by t.locale) as locales, array_agg(t.title order by t.locale) as titles,
                                      array_agg(t.summary order by t.locale) as summaries, array_agg(t.body order by t.locale) as bodies
                               from article_translation t where t.article_id = a.id and t.status = 'published') t on true""";

    private static final String SELECT = TEMPLATE.formatted(
            PublisherRef.COLUMNS + ", t.locales as translation_locales, t.titles, t.summaries, t.bodies",
            EVERY_TRANSLATION);

    /** {@link #SELECT} with what a reader's ETag, Last-Modified and visibility need: {@link ArticleRead#COLUMNS}. */
    static final String READ = TEMPLATE.formatted(
            PublisherRef.COLUMNS + ", " + ArticleRead.COLUMNS
                    + ", t.locales as translation_locales, t.titles, t.summaries, t.bodies",
            EVERY_TRANSLATION);

    /**
     * An article as one reader is served it, when the reader states no preference and is served the original: the
     * locales of its published translations from its row (as {@link ArticleValidators} reads them), and no translation's
     * text. bench/pg/article.sql runs this statement through pgbench; BenchStatementsTest holds the two the same.
     */
    static final String READ_ORIGINAL = TEMPLATE.formatted(
            PublisherRef.COLUMNS + ", " + ArticleRead.COLUMNS + ", a.translation_locales, null::text[] as text_locales,"
                    + " null::text[] as titles, null::text[] as summaries, null::text[] as bodies",
            "");

    /**
     * The same for a reader with preferences: the texts of the published translations in {@code :candidates} (lower
     * case; null for every one), the locales {@link Locales#candidates} says those preferences could be served in. Most
     * articles have no translation, and then none is looked for.
     */
    static final String READ_PREFERRED = TEMPLATE.formatted(
            PublisherRef.COLUMNS + ", " + ArticleRead.COLUMNS
                    + ", a.translation_locales, t.locales as text_locales, t.titles, t.summaries, t.bodies",
            """
            left join lateral (select array_agg(t.locale) as locales, array_agg(t.title) as titles,
                                      array_agg(t.summary) as summaries, array_agg(t.body) as bodies
                               from article_translation t
                               where t.article_id = a.id and t.status = 'published' and cardinality(a.translation_locales) > 0
                                 and (:candidates::text[] is null or lower(t.locale) = any(:candidates::text[]))) t on true""");

    /** A row of {@link #SELECT}: the article with the text of every published translation (not their digests). */
    private static final RowMapper<ArticleState> STATE = (rs, context) ->
            ArticleState.read(rs, context, ArticleState.publishedTexts(rs, "translation_locales", "bodies"));

    /** A row of {@link #READ_ORIGINAL} or {@link #READ_PREFERRED}: the texts of the translations it read, if any. */
    private static final RowMapper<ArticleRead> PREFERRED = ArticleRead.mapping(
            (rs, context) -> ArticleState.read(rs, context, ArticleState.publishedTexts(rs, "text_locales", "bodies")));

    /** A publisher's live article with a slug, else the latest of its tombstones. */
    private static final String BY_SLUG =
            " where a.publisher_id = :publisher and a.slug = :slug order by a.deleted_at desc nulls first limit 1";

    /** The oldest scheduled article due, and the oldest published one past its unpublish time: {@link #claimDue}. */
    private static final String CLAIM_RELEASE = """
            select id from article where status = 'scheduled' and deleted_at is null and published_at <= :now
              and id <> all(:skipped)
            order by published_at, id limit :limit for update skip locked""";

    private static final String CLAIM_EXPIRY = """
            select id from article
            where status = 'published' and unpublish_at is not null and deleted_at is null and unpublish_at <= :now
              and id <> all(:skipped)
            order by unpublish_at, id limit :limit for update skip locked""";

    /** Articles read in one statement by reads that waited their turn together: {@link CoalescedReads}. */
    private static final int ARTICLES_IN_ONE_STATEMENT = 32;

    @Inject
    Jdbi jdbi;

    @Inject
    ArticleConfig config;

    @Inject
    ReadRouting routing;

    @Inject
    TransactionManager transactions;

    /** Where the statements of reads that waited for their turn run: threads of no request. */
    private ExecutorService sharedStatements;

    /** Revalidations by id, coalesced outside a transaction; null when each reads alone. */
    private CoalescedReads<UUID, ArticleValidators> revalidations;

    /** Reads by id of an article in its original locale, the same. */
    private CoalescedReads<UUID, ArticleRead> originals;

    @PostConstruct
    void coalesceReads() {
        int statements = config.coalescedReads();
        // a replica is chosen for each request, by who asks and what they must see: reads of different requests may
        // not share a connection there
        if (statements > 0 && !routing.replicaConfigured()) {
            AtomicInteger threads = new AtomicInteger();
            sharedStatements = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "cms-shared-reads-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            revalidations = new CoalescedReads<>(
                    ids -> byId(ArticleValidators.SELECT, ArticleValidators.ROW, ArticleValidators::id, ids),
                    sharedStatements,
                    statements,
                    ARTICLES_IN_ONE_STATEMENT);
            originals = new CoalescedReads<>(
                    ids -> byId(READ_ORIGINAL, PREFERRED, read -> read.state().id(), ids),
                    sharedStatements,
                    statements,
                    ARTICLES_IN_ONE_STATEMENT);
        }
    }

    @PreDestroy
    void stopSharedStatements() {
        if (sharedStatements != null) {
            sharedStatements
                    .shutdown(); // a read that waits then runs its statement on the thread that gives up the turn
        }
    }

    /** The current state of these articles with their versions, by id; ids of no article are left out. */
    public Map<UUID, ArticleRead> byIds(Collection<UUID> ids) {
        return byId(READ, ArticleRead.mapping(STATE), read -> read.state().id(), ids);
    }

    /**
     * An article by id, whatever its status and deleted or not, as a reader with these preferences is served it: with
     * the texts of the translations they could choose (the state's {@link ArticleState#in} serves those and the original).
     * Without preferences and outside a transaction, from a statement that may serve other such reads that arrived with
     * it ({@link CoalescedReads}), and that began after this call did.
     */
    Optional<ArticleRead> read(UUID id, List<Locale.LanguageRange> preferences) {
        if (preferences.isEmpty() && coalesced()) {
            return originals.read(id);
        }
        return readFor(" where a.id = :id", preferences, Map.of("id", id));
    }

    /**
     * What a conditional read of an article by id compares, without its texts: {@link ArticleValidators}. Outside a
     * transaction, from a statement that may serve other revalidations that arrived with it ({@link CoalescedReads}),
     * and that began after this call did.
     */
    Optional<ArticleValidators> validators(UUID id) {
        if (coalesced()) {
            return revalidations.read(id);
        }
        return jdbi.withHandle(handle -> handle.createQuery(ArticleValidators.SELECT + " where a.id = :id")
                .bind("id", id)
                .map(ArticleValidators.ROW)
                .findFirst());
    }

    /**
     * {@link #read} without preferences, for a caller that does not wait on its thread: where reads are coalesced, the
     * answer completes on the thread that ran the statement, perhaps one of no request (so what depends on it must not
     * need the request's context); elsewhere it is read now.
     */
    CompletableFuture<Optional<ArticleRead>> readLater(UUID id) {
        return coalesced() ? originals.submit(id) : CompletableFuture.completedFuture(read(id, List.of()));
    }

    /** {@link #validators} the same way as {@link #readLater}. */
    CompletableFuture<Optional<ArticleValidators>> validatorsLater(UUID id) {
        return coalesced() ? revalidations.submit(id) : CompletableFuture.completedFuture(validators(id));
    }

    /** The same for {@link #readBySlug}: the live article with this slug, else its latest tombstone. */
    Optional<ArticleValidators> validatorsBySlug(UUID publisherId, String slug) {
        return jdbi.withHandle(handle -> handle.createQuery(ArticleValidators.SELECT + BY_SLUG)
                .bind("publisher", publisherId)
                .bind("slug", slug)
                .map(ArticleValidators.ROW)
                .findFirst());
    }

    /** The live article with this slug under the publisher, else its latest tombstone, as {@link #read} reads it. */
    Optional<ArticleRead> readBySlug(UUID publisherId, String slug, List<Locale.LanguageRange> preferences) {
        return readFor(BY_SLUG, preferences, Map.of("publisher", publisherId, "slug", slug));
    }

    private Optional<ArticleRead> readFor(
            String where, List<Locale.LanguageRange> preferences, Map<String, Object> binds) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery((preferences.isEmpty() ? READ_ORIGINAL : READ_PREFERRED) + where)
                    .bindMap(binds);
            if (!preferences.isEmpty()) {
                List<String> candidates = Locales.candidates(preferences);
                query.bindByType(
                        "candidates", candidates == null ? null : candidates.toArray(String[]::new), String[].class);
            }
            return query.map(PREFERRED).findFirst();
        });
    }

    /**
     * These articles' headings by id, with the texts of those whose title and summary hold none of these words (looked
     * for as written); ids of no article are left out.
     */
    public Map<UUID, ArticleHeading> headingsByIds(Collection<UUID> ids, List<String> words) {
        return byId(
                ArticleHeading.SELECT,
                Map.of("words", words.toArray(String[]::new)),
                ArticleHeading.ROW,
                ArticleHeading::id,
                ids);
    }

    /** What decides how a mirror shows these articles, without their texts, by id; ids of no article are left out. */
    public Map<UUID, ArticleVersion> versionsByIds(Collection<UUID> ids) {
        return byId(ArticleVersion.SELECT, ArticleVersion.ROW, ArticleVersion::id, ids);
    }

    /**
     * Rows by a list of ids, the list in a sub-select: priced alike whatever its length, the statement keeps one generic
     * plan. With the list bound as it is, PostgreSQL planned every execution anew for the length it saw (a custom plan
     * looks cheaper for a few ids than a plan for any number), which cost more than reading a few articles.
     */
    static final String BY_IDS = " where a.id = any(cast((select :ids::uuid[]) as uuid[]))";

    /** The rows of {@code select} (on {@code a}) for these ids, by id; one statement, none for no ids. */
    private <T> Map<UUID, T> byId(String select, RowMapper<T> row, Function<T, UUID> id, Collection<UUID> ids) {
        return byId(select, Map.of(), row, id, ids);
    }

    /** The same, for a {@code select} that takes other parameters as well: these. */
    private <T> Map<UUID, T> byId(
            String select, Map<String, Object> binds, RowMapper<T> row, Function<T, UUID> id, Collection<UUID> ids) {
        Map<UUID, T> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbi.useHandle(handle -> handle.createQuery(select + BY_IDS)
                    .bindMap(binds)
                    .bind("ids", ids.toArray(UUID[]::new))
                    .map(row)
                    .forEach(found -> rows.put(id.apply(found), found)));
        }
        return rows;
    }

    /**
     * The versions of live published articles in id order after {@code afterId}, of one publisher or all: a page of a
     * snapshot, without the texts.
     */
    public List<ArticleVersion> publishedAfter(UUID publisherId, UUID afterId, int rows) {
        Sql sql = publishedAfterStatement(publisherId, afterId, rows);
        return jdbi.withHandle(
                handle -> sql.query(handle).map(ArticleVersion.ROW).list());
    }

    /** {@link #publishedAfter}'s statement: a publisher's page in the order of article_snapshot_idx (V31). */
    static Sql publishedAfterStatement(UUID publisherId, UUID afterId, int rows) {
        return new Sql(ArticleVersion.SELECT + " where a.status = 'published' and a.deleted_at is null")
                // the cursor in a sub-select, priced alike whatever it is, so that the generic plan is kept (with the
                // id in view PostgreSQL planned every page again: 0.27 ms of planning for a page read in 0.15 ms)
                .append(" and a.id > (select :after::uuid)", "after", afterId)
                .append(ofPublisher(publisherId))
                .append(" order by a.id")
                .limit(rows);
    }

    /** The newest live published articles, of one publisher or all: for Atom feeds. */
    public List<ArticleState> latestPublished(UUID publisherId, int rows) {
        Sql sql = new Sql(SELECT + " where a.status = 'published' and a.deleted_at is null")
                .append(ofPublisher(publisherId))
                .append(" order by coalesce(a.published_at, '-infinity'::timestamptz) desc, a.id desc")
                .limit(rows);
        return jdbi.withHandle(handle -> sql.query(handle).map(STATE).list());
    }

    /** The ids of a publisher's live articles, whatever their status, in id order. */
    public List<UUID> liveIdsOf(UUID publisherId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select id from article where publisher_id = :publisher and deleted_at is null order by id")
                .bind("publisher", publisherId)
                .mapTo(UUID.class)
                .list());
    }

    /**
     * The oldest articles due at {@code now}, at most {@code limit}, claimed: scheduled and past their publication
     * time, then published and past their unpublish time, leaving out {@code skipped} and any that another transaction
     * holds. The rows stay locked (FOR UPDATE SKIP LOCKED) until the caller's transaction ends, so whichever instance
     * commits acts on each once, and a crash before the commit leaves them due for the next poll of any instance.
     */
    List<UUID> claimDue(Instant now, Collection<UUID> skipped, int limit) {
        // two statements: FOR UPDATE cannot lock rows of a union
        List<UUID> due = new ArrayList<>(claim(CLAIM_RELEASE, now, skipped, limit));
        if (due.size() < limit) {
            due.addAll(claim(CLAIM_EXPIRY, now, skipped, limit - due.size()));
        }
        return due;
    }

    /** When the next scheduled publication or unpublication falls due; empty when none waits. */
    Optional<Instant> nextDue() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select least(
                            (select min(published_at) from article where status = 'scheduled' and deleted_at is null),
                            (select min(unpublish_at) from article
                             where status = 'published' and unpublish_at is not null and deleted_at is null)) as next_due""")
                .map((rs, context) -> Database.instant(rs, "next_due"))
                .findFirst()
                .flatMap(Optional::ofNullable));
    }

    private List<UUID> claim(String sql, Instant now, Collection<UUID> skipped, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("now", now)
                .bind("skipped", skipped.toArray(UUID[]::new))
                .bind("limit", limit)
                .mapTo(UUID.class)
                .list());
    }

    /** Whether the article is published now; empty when there is no article with this id, deleted or not. */
    public Optional<Boolean> isPublished(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select status = 'published' and deleted_at is null from article where id = :id")
                .bind("id", id)
                .mapTo(Boolean.class)
                .findFirst());
    }

    /** Whether reads by id are coalesced here: not in a transaction, whose connection and snapshot they would not use. */
    private boolean coalesced() {
        if (revalidations == null) {
            return false;
        }
        try {
            return transactions.getStatus() == Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException("the transaction manager cannot say whether a transaction is open", e);
        }
    }

    private static Sql ofPublisher(UUID publisherId) {
        return publisherId == null
                ? new Sql("")
                : new Sql(" and a.publisher_id = :publisher").bind("publisher", publisherId);
    }
}
