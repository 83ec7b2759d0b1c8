package cn.fucai.cms.search;

import cn.fucai.cms.article.ArticleHeading;
import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.article.ArticleStatus;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.common.text.Highlighter;
import cn.fucai.cms.common.text.SearchQuery;
import cn.fucai.cms.search.SearchDtos.SearchHit;
import cn.fucai.cms.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Full-text search over articles (title, summary, body and tags, in the original and every translation), ranked by
 * tier then recency, with a highlighted passage. Unpublished articles only for callers who may read them.
 * <p>
 * Each tier reads only as much of the index as a page needs: scoring every match, as ts_rank does, made a word in most
 * articles cost seconds, and reading every match, a word in a few per cent of them tens of milliseconds (docs/api-guide.md, "Search").
 */
@ApplicationScoped
public class SearchService {

    /** How the sort key of an article without a publication date is written in a cursor. */
    private static final String UNPUBLISHED = "-infinity";
    /** Where a GIN read must not use ranked_at as an index range: a range of most of the index costs more than it saves. */
    private static final String RANKED_AT_FILTER = "(s.ranked_at + interval '0')";
    /** Measured cost, in microseconds, of one article in the time range of a GIN read (docs/api-guide.md, "Search"). */
    private static final double RANGE_COST = 0.2;
    /** Measured cost, in microseconds, of one match read from the heap after a GIN read. */
    private static final double MATCH_COST = 2.7;

    @Inject
    Jdbi jdbi;

    @Inject
    ArticleStates states;

    @Inject
    AccessPolicy access;

    /** Filters of a search, as raw parameters; null means any. */
    public record Filter(
            UUID publisherId,
            String region,
            String category,
            Locale locale,
            Instant publishedFrom,
            Instant publishedBefore,
            ArticleStatus status) {}

    public Page<SearchHit> search(String q, Filter filter, String cursorParam, int limit) {
        SearchQuery query = SearchQuery.parse(q);
        ArticleStatus status = filter.status();
        UUID publisherId = filter.publisherId();
        String region = filter.region();
        String locale = filter.locale() == null ? null : filter.locale().toLanguageTag();
        String fingerprint = Cursor.fingerprint("tier", query, filter);
        Position after = Position.of(Cursor.decode(cursorParam, fingerprint, 3));

        // the status is written out: a rare one (in review) is a statement with a plan of its own
        Sql filters = new Sql(" and s.status = " + Sql.literal(status));
        if (status != ArticleStatus.published) {
            Set<UUID> visible = access.unpublishedScope();
            if (visible != null) {
                filters.append(" and s.publisher_id = any(:visible)", "visible", visible.toArray(UUID[]::new));
            }
        }
        filters.appendIfSet(" and s.publisher_id = :publisher", "publisher", publisherId);
        filters.appendIfSet(" and s.region_scope @> array[:region]::varchar[]", "region", region);
        filters.appendIfSet(" and s.category = :category", "category", filter.category());
        filters.appendIfSet(" and s.locales @> array[:locale]::text[]", "locale", locale);

        List<Position> found = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            if (after != null && after.tier() < tier.rank) {
                continue;
            }
            Scope scope = new Scope(
                    filters,
                    filter.publishedFrom(),
                    filter.publishedBefore(),
                    after != null && after.tier() == tier.rank ? after : null);
            found.addAll(newestMatches(tier, query, scope, limit + 1 - found.size()));
            if (found.size() > limit) {
                break;
            }
        }
        if (found.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        Map<UUID, SearchHit> hits = hits(query, found);
        List<Position> served = found.stream()
                .filter(position -> hits.containsKey(position.id()))
                .toList();
        return Page.fromLookahead(
                        served, limit, last -> last.cursor(fingerprint).encode())
                .map(position -> hits.get(position.id()));
    }

    /**
     * The newest {@code wanted} matches of one tier. A probe of the newest articles finds a common word's page at
     * once. Otherwise its hit rate predicts how far back in time the page's matches reach, and the GIN index on
     * (text, ranked_at) is read for that stretch only, then, if the prediction fell short, for everything older. A
     * word too rare to have a rate, or so rare that all its matches cost less than the stretch, is read whole.
     */
    private List<Position> newestMatches(Tier tier, SearchQuery query, Scope scope, int wanted) {
        Probe probe = probe(tier, query, scope, wanted);
        if (probe.hits().size() == wanted || probe.articles() < tier.probe) {
            return probe.hits(); // a full page, or the probe saw every candidate
        }
        Sql conditions = scope.conditions(RANKED_AT_FILTER);
        List<Position> found = new ArrayList<>();
        OffsetDateTime since = probe.reach(wanted);
        if (since != null) {
            found.addAll(indexed(
                    tier,
                    query,
                    new Sql("").append(conditions).append(" and s.ranked_at >= :since", "since", since),
                    wanted));
            if (found.size() == wanted) {
                return found;
            }
            conditions =
                    new Sql("").append(conditions).append(" and " + RANKED_AT_FILTER + " < :since", "since", since);
        }
        found.addAll(indexed(tier, query, conditions, wanted - found.size()));
        return found;
    }

    /** The newest matches through the GIN index, which holds the words and ranked_at; then sorted, as GIN has no order. */
    private List<Position> indexed(Tier tier, SearchQuery query, Sql conditions, int wanted) {
        Sql index = new Sql("with q as materialized (select ")
                .append(query.tsquery())
                .append(" as query)")
                .append(" select s.article_id, s.ranked_at from article_search s, q where ")
                .append(tier.match("s", "q.query", query))
                .append(conditions)
                .append(" order by " + RANKED_AT_FILTER + " desc, s.article_id desc")
                .limit(wanted)
                // how common the words are decides between the GIN index and the newest first
                .plannedEachTime();
        return jdbi.withHandle(handle ->
                index.query(handle).map((rs, context) -> position(tier, rs)).list());
    }

    /** The matches among the newest {@code tier.probe} candidates, at most {@code wanted}, with what the rate needs. */
    private Probe probe(Tier tier, SearchQuery query, Scope scope, int wanted) {
        Sql probe = probeStatement(tier, query, scope, wanted);
        List<Position> hits = new ArrayList<>();
        // one row per hit, or one without a hit, each carrying the same figures of the probe
        return jdbi.withHandle(handle -> probe.query(handle)
                .map((rs, context) -> {
                    if (rs.getObject("article_id") != null) {
                        hits.add(position(tier, rs));
                    }
                    return new Probe(
                            hits,
                            rs.getInt("articles"),
                            rs.getObject("newest", OffsetDateTime.class),
                            rs.getObject("oldest", OffsetDateTime.class),
                            rs.getDouble("indexed"));
                })
                .list()
                .get(0));
    }

    /** The probe's statement: its hits, then the count, newest and oldest of its window and the articles indexed. */
    static Sql probeStatement(Tier tier, SearchQuery query, Scope scope, int wanted) {
        Sql window = new Sql(" from article_search s where true")
                .append(scope.conditions("s.ranked_at"))
                .append(" order by s.ranked_at desc, s.article_id desc")
                .limit(tier.probe);
        // the hits are read from the window in its order and the read stops at the last one wanted: a common word's
        // page is found among the newest few, whose documents alone are decompressed (the query as a subquery, not
        // joined, so that no sort of the whole window comes first)
        Sql probe = new Sql("with q as materialized (select ")
                .append(query.tsquery())
                .append(" as query),")
                .append(" w as materialized (select s.ranked_at")
                .append(window)
                .append(")")
                .append(" select h.article_id, h.ranked_at, i.articles, i.newest, i.oldest,")
                .append(" (select reltuples from pg_class where oid = 'article_search'::regclass) as indexed")
                .append(
                        " from (select count(*) as articles, max(ranked_at) as newest, min(ranked_at) as oldest from w) i")
                .append(" left join lateral (select c.article_id, c.ranked_at")
                .append(" from (select s.article_id, s.ranked_at, s.title, s.document")
                .append(window)
                .append(") c where ")
                .append(tier.match("c", "(select query from q)", query))
                .append(" order by c.ranked_at desc, c.article_id desc")
                .limit(wanted)
                .append(") h on true order by h.ranked_at desc, h.article_id desc");
        if (!scope.readsNewestFirst()) {
            probe.plannedEachTime();
        }
        return probe;
    }

    /** A probe: its hits, how many candidates it read, their newest and oldest sort keys, and the articles indexed. */
    private record Probe(
            List<Position> hits, int articles, OffsetDateTime newest, OffsetDateTime oldest, double indexed) {

        /**
         * How far back the newest {@code wanted} matches should reach, extrapolated from the probe's hit rate and the
         * time its candidates span, with half again as much for safety; null when the rate says nothing or when reading
         * every match is cheaper than reading the stretch.
         */
        OffsetDateTime reach(int wanted) {
            if (hits.isEmpty() || newest == null || oldest.equals(OffsetDateTime.MIN) || !newest.isAfter(oldest)) {
                return null;
            }
            double rate = hits.size() / (double) articles;
            double stretch = 1.5 * wanted / rate;
            if (stretch * RANGE_COST + 1.5 * wanted * MATCH_COST >= rate * indexed * MATCH_COST) {
                return null;
            }
            long spanMicros = ChronoUnit.MICROS.between(oldest, newest);
            return newest.minus((long) (spanMicros * stretch / articles), ChronoUnit.MICROS);
        }
    }

    /**
     * Which candidates a tier reads: the filters, the published-date bounds and, on later pages, the cursor. Over the
     * btree, ranked_at bounds are index ranges; over GIN they must stay filters ({@link #RANKED_AT_FILTER}).
     */
    record Scope(Sql filters, Instant publishedFrom, Instant publishedBefore, Position after) {

        /**
         * Whether the candidates are the newest of a status (after the cursor), which one plan reads for any words; a
         * filter's value (a rare region or a common one) would decide how they are best read.
         */
        boolean readsNewestFirst() {
            return filters.binds().isEmpty() && publishedFrom == null && publishedBefore == null;
        }

        Sql conditions(String rankedAt) {
            Sql conditions = new Sql("").append(filters);
            if (publishedFrom != null) {
                conditions.append(" and " + rankedAt + " >= :publishedFrom", "publishedFrom", publishedFrom);
            }
            if (publishedBefore != null) {
                conditions.append(" and " + rankedAt + " < :publishedBefore", "publishedBefore", publishedBefore);
            }
            if (after != null) {
                conditions
                        .append(" and (" + rankedAt + ", s.article_id) < (:afterRankedAt::timestamptz, :afterId)")
                        .bind("afterRankedAt", after.rankedAtText())
                        .bind("afterId", after.id());
            }
            return conditions;
        }
    }

    private static Position position(Tier tier, ResultSet rs) throws SQLException {
        OffsetDateTime rankedAt = rs.getObject("ranked_at", OffsetDateTime.class);
        return new Position(
                tier.rank,
                rankedAt.equals(OffsetDateTime.MIN) ? null : rankedAt.toInstant(),
                rs.getObject("article_id", UUID.class));
    }

    /**
     * What to show for each hit, in one statement: the headings, and the bodies and translations only of the hits
     * whose title and summary hold none of the words (a hit through a tag or in the text), which PostgreSQL finds
     * for the words of no case ({@link Highlighter#caselessNeedles}); the passage is then found as it always is.
     */
    private Map<UUID, SearchHit> hits(SearchQuery query, List<Position> found) {
        Map<UUID, SearchHit> hits = new HashMap<>();
        List<UUID> ids = found.stream().map(Position::id).toList();
        List<String> terms = query.forms();
        for (ArticleHeading heading :
                states.headingsByIds(ids, Highlighter.caselessNeedles(terms)).values()) {
            if (!heading.deleted()) {
                Highlighter.Passage passage = Highlighter.best(
                        terms,
                        heading.title(),
                        heading.summary(),
                        heading.body(),
                        heading.translations().toArray(String[]::new));
                hits.put(heading.id(), hit(heading, passage));
            }
        }
        return hits;
    }

    private static SearchHit hit(ArticleHeading heading, Highlighter.Passage passage) {
        return new SearchHit(
                heading.id(),
                heading.slug(),
                heading.publisher(),
                heading.title(),
                heading.publishedAt(),
                heading.status().name(),
                passage.field(),
                passage.snippet());
    }

    /**
     * Hits in a title or tag come first, then hits anywhere else. A title is stored in the row and a whole document out
     * of line, so a probe reads twice as many titles as documents for about the same cost.
     */
    enum Tier {
        TITLE(1, 200),
        TEXT(0, 100);

        /** Titles and tags of an article and its translations, as written (the article feature's article_text). */
        private static final String TITLE_TEXT =
                "(select x.titles from article_text x where x.article_id = %1$s.article_id)";
        /** Everything of an article and its translations, as written. */
        private static final String FULL_TEXT =
                "(select x.full_text from article_text x where x.article_id = %1$s.article_id)";

        final int rank;
        final int probe;

        Tier(int rank, int probe) {
            this.rank = rank;
            this.probe = probe;
        }

        /**
         * What a hit of this tier matches; a quoted Chinese phrase is also looked for as written, in the rows the
         * index already matched (PostgreSQL evaluates the costly check last).
         */
        Sql match(String alias, String tsquery, SearchQuery query) {
            Sql title = new Sql(alias + ".title @@ " + tsquery)
                    .append(query.runsIn(TITLE_TEXT.formatted(alias), alias + ".title", true, "phrase"));
            Sql text = new Sql(alias + ".document @@ " + tsquery)
                    .append(query.runsIn(FULL_TEXT.formatted(alias), alias + ".document", true, "phrase"));
            if (this == TITLE) {
                return title;
            }
            return text.append(" and not (").append(title).append(")");
        }
    }

    /** Where a hit stands in the order: its tier, then its publication time (drafts as the oldest), then its id. */
    private record Position(int tier, Instant publishedAt, UUID id) {

        static Position of(Cursor cursor) {
            if (cursor == null) {
                return null;
            }
            int tier = cursor.intKey(0);
            if (tier != Tier.TITLE.rank && tier != Tier.TEXT.rank) {
                throw new InvalidInputException("cursor", "is not a cursor this API issued");
            }
            Instant publishedAt = cursor.keys().get(1).equals(UNPUBLISHED) ? null : cursor.instantKey(1);
            return new Position(tier, publishedAt, cursor.uuidKey(2));
        }

        String rankedAtText() {
            return publishedAt == null ? UNPUBLISHED : publishedAt.toString();
        }

        Cursor cursor(String fingerprint) {
            return new Cursor(fingerprint, List.of(Integer.toString(tier), rankedAtText(), id.toString()));
        }
    }
}
