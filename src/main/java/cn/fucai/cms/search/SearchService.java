package cn.fucai.cms.search;

import cn.fucai.cms.article.ArticleService;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.publisher.PublisherRef;
import cn.fucai.cms.region.Region;
import cn.fucai.cms.search.SearchDtos.SearchHit;
import cn.fucai.cms.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Full-text search over articles (title, summary, body and tags, in the original and every translation), ranked by
 * tier then recency, with a highlighted passage. Unpublished articles only for callers who may read them.
 * <p>
 * Each tier either walks the newest articles until a page of a common word is full, or reads the index entries of a
 * rare word; scoring every match, as ts_rank does, made a word in most articles cost seconds (README, "Search").
 */
@ApplicationScoped
public class SearchService {

    /** The most articles a tier reads in order before it turns to the GIN index. */
    private static final int MAX_WINDOW = 5000;
    /** How the sort key of an article without a publication date is written in a cursor. */
    private static final String UNPUBLISHED = "-infinity";

    private final Jdbc jdbc;
    private final ArticleService articles;
    private final AccessPolicy access;

    SearchService(Jdbc jdbc, ArticleService articles, AccessPolicy access) {
        this.jdbc = jdbc;
        this.articles = articles;
        this.access = access;
    }

    /** Filters of a search, as raw parameters; null means any. */
    public record Filter(String publisher, String region, String category, String locale, Instant publishedFrom,
                         Instant publishedBefore, String status) {
    }

    @Transactional
    public Page<SearchHit> search(String q, Filter filter, String cursorParam, int limit) {
        SearchQuery query = SearchQuery.parse(q);
        String status = filter.status() == null ? "published" : filter.status();
        if (!List.of("draft", "published", "archived").contains(status)) {
            throw new InvalidInputException("status", "must be one of draft, published, archived; was '" + status + "'");
        }
        UUID publisherId = articles.publisherFilter(filter.publisher());
        String region = filter.region() == null ? null : Region.requireKnown(filter.region(), "region");
        String locale = articles.localeFilter(filter.locale());
        String fingerprint = Cursor.fingerprint("tier", query, filter);
        Position after = Position.of(Cursor.decode(cursorParam, fingerprint, 3));

        Sql conditions = new Sql(" and s.status = ?", status);
        if (!status.equals("published")) {
            Set<UUID> visible = access.unpublishedScope();
            if (visible != null) {
                conditions.append(" and s.publisher_id = any(?)", (Object) visible.toArray(UUID[]::new));
            }
        }
        if (publisherId != null) {
            conditions.append(" and s.publisher_id = ?", publisherId);
        }
        if (region != null) {
            conditions.append(" and s.region_scope @> array[?]::varchar[]", region);
        }
        if (filter.category() != null) {
            conditions.append(" and s.category = ?", filter.category());
        }
        if (locale != null) {
            conditions.append(" and s.locales @> array[?]::text[]", locale);
        }
        if (filter.publishedFrom() != null) {
            conditions.append(" and s.ranked_at >= ?", filter.publishedFrom().atOffset(ZoneOffset.UTC));
        }
        if (filter.publishedBefore() != null) {
            conditions.append(" and s.ranked_at < ?", filter.publishedBefore().atOffset(ZoneOffset.UTC));
        }

        Sql tsquery = query.tsquery();
        List<Position> found = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            if (after != null && after.tier() < tier.rank) {
                continue;
            }
            Sql tierConditions = new Sql("").append(conditions);
            if (after != null && after.tier() == tier.rank) {
                tierConditions.append(" and (s.ranked_at, s.article_id) < (?::timestamptz, ?)", after.rankedAtText(), after.id());
            }
            int wanted = limit + 1 - found.size();
            found.addAll(newestMatches(tier, tsquery, tierConditions, wanted));
            if (found.size() > limit) {
                break;
            }
        }
        if (found.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        Map<UUID, SearchHit> hits = hits(query, found);
        List<Position> served = found.stream().filter(position -> hits.containsKey(position.id())).toList();
        return Page.fromLookahead(served, limit, last -> last.cursor(fingerprint).encode()).map(position -> hits.get(position.id()));
    }

    /**
     * The newest {@code wanted} matches of one tier, found the cheaper of two ways. Reading the newest articles in order
     * stops as soon as a page is full, which is cheap for a common word; reading every match from the GIN index and
     * sorting costs in proportion to the matches, which is cheap for a rare word. A short probe of the newest articles
     * measures which the word is, since PostgreSQL's estimate for a word it has not sampled can be wrong either way.
     */
    private List<Position> newestMatches(Tier tier, Sql tsquery, Sql conditions, int wanted) {
        Window probe = window(tier, tsquery, conditions, tier.probe, wanted);
        if (probe.hits().size() == wanted) {
            return probe.hits();
        }
        double rate = probe.hits().size() / (double) tier.probe;
        double windowRows = rate == 0 ? Double.POSITIVE_INFINITY : 1.5 * wanted / rate;
        double indexRows = rate * probe.indexedArticles();
        if (windowRows <= MAX_WINDOW && windowRows * tier.rowCost < indexRows) {
            List<Position> hits = window(tier, tsquery, conditions, (int) windowRows, wanted).hits();
            if (hits.size() == wanted) {
                return hits;
            }
        }
        // No index order to follow here: every match is read from the GIN index, then sorted.
        Sql index = new Sql("with q as materialized (select ").append(tsquery).append(" as query)")
                .append(" select s.article_id, s.ranked_at from article_search s, q where ").append(tier.match("s"))
                .append(conditions).append(" order by s.ranked_at + interval '0' desc, s.article_id desc limit ?", wanted);
        return jdbc.list(index.text(), rs -> position(tier, rs), index.params());
    }

    /** The matches among the newest {@code size} articles, at most {@code wanted}, and how many articles are indexed. */
    private Window window(Tier tier, Sql tsquery, Sql conditions, int size, int wanted) {
        Sql window = new Sql("with q as materialized (select ").append(tsquery).append(" as query)")
                .append(" select w.article_id, w.ranked_at, (select reltuples from pg_class where oid = 'article_search'::regclass)")
                .append(" from (select s.article_id, s.ranked_at, s.title, s.document from article_search s where true")
                .append(conditions).append(" order by s.ranked_at desc, s.article_id desc limit ?) w, q where ", size)
                .append(tier.match("w")).append(" order by w.ranked_at desc, w.article_id desc limit ?", wanted);
        double[] indexed = {0};
        List<Position> hits = jdbc.list(window.text(), rs -> {
            indexed[0] = rs.getDouble(3);
            return position(tier, rs);
        }, window.params());
        return new Window(hits, indexed[0]);
    }

    private record Window(List<Position> hits, double indexedArticles) {
    }

    private static Position position(Tier tier, ResultSet rs) throws SQLException {
        OffsetDateTime rankedAt = rs.getObject(2, OffsetDateTime.class);
        return new Position(tier.rank, rankedAt.equals(OffsetDateTime.MIN) ? null : rankedAt.toInstant(), rs.getObject(1, UUID.class));
    }

    /** What to show for each hit, in one statement: article, publisher, and the text of every translation. */
    private Map<UUID, SearchHit> hits(SearchQuery query, List<Position> found) {
        Map<UUID, SearchHit> hits = new HashMap<>();
        jdbc.list("""
                select a.id, a.slug, a.title, a.summary, a.body, a.published_at, a.status, p.id, p.slug, p.name, p.name_en,
                       array(select concat_ws(' ', t.title, t.summary, t.body) from article_translation t where t.article_id = a.id)
                from article a join publisher p on p.id = a.publisher_id
                where a.id = any(?) and a.deleted_at is null""", rs -> {
            String[] translations = (String[]) rs.getArray(12).getArray();
            Highlighter.Passage passage = Highlighter.best(query.terms(), rs.getString(3), rs.getString(4), rs.getString(5), translations);
            OffsetDateTime published = rs.getObject(6, OffsetDateTime.class);
            SearchHit hit = new SearchHit(rs.getObject(1, UUID.class), rs.getString(2),
                    new PublisherRef(rs.getObject(8, UUID.class), rs.getString(9), rs.getString(10), rs.getString(11)),
                    rs.getString(3), published == null ? null : published.toInstant(), rs.getString(7),
                    passage.field(), passage.snippet());
            return hits.put(hit.id(), hit);
        }, (Object) found.stream().map(Position::id).toArray(UUID[]::new));
        return hits;
    }

    /**
     * Hits in a title or tag come first, then hits anywhere else. Each tier's probe size and the cost of checking one
     * article in order, relative to reading one match through the GIN index, were measured on the benchmark's 100,000
     * articles (README, "Search"): a title is stored in the row, a whole document out of line, and reading it back is
     * what costs.
     */
    private enum Tier {
        TITLE(1, "%1$s.title @@ q.query", 200, 1.85),
        TEXT(0, "%1$s.document @@ q.query and not %1$s.title @@ q.query", 100, 4.5);

        final int rank;
        private final String match;
        final int probe;
        final double rowCost;

        Tier(int rank, String match, int probe, double rowCost) {
            this.rank = rank;
            this.match = match;
            this.probe = probe;
            this.rowCost = rowCost;
        }

        String match(String alias) {
            return match.formatted(alias);
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
