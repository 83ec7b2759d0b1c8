package cn.fucai.cms.figure;

import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.media.DocumentRef;
import cn.fucai.cms.publisher.PublisherRef;
import cn.fucai.cms.region.Region;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Figures in SQL. The history is append-only: a write inserts a revision and moves figure.current_revision; reads
 * join the current revision, or with asOf the latest revision recorded by then (a lateral join on the history).
 * Handles join the caller's transaction.
 */
@ApplicationScoped
class FigureStore {

    /** One snapshot for every statement of the transaction, read-only: a summary's years of the same moment. */
    private static final String SNAPSHOT_READS = "set transaction isolation level repeatable read, read only";

    /**
     * This transaction's snapshot, whether notes newer than :since were pruned, and the years changed since in the
     * region (a note without regions is of every region).
     */
    private static final String CHANGES_SINCE = """
            select pg_current_snapshot()::text as now,
                   (select p.xid >= pg_snapshot_xmin(cast(:since as pg_snapshot)) from figure_year_change_pruned p) as pruned,
                   array(select distinct c.year from figure_year_change c
                         where c.kind in (:kind, '*') and c.xid >= pg_snapshot_xmin(cast(:since as pg_snapshot))
                           and not pg_visible_in_snapshot(c.xid, cast(:since as pg_snapshot))
                           and (c.regions is null or c.regions @> array[:region]::varchar[])) as changed""";

    private static final String COLUMNS = """
            f.id, f.kind, f.created_at, f.released_at, f.embargoed_until, f.released_with, %s,
            r.revision, r.action, r.reason, r.recorded_at, r.retracted, r.region_code, r.period_start, r.period_end,
            r.granularity, r.period_label, r.lottery_type, r.game_category, r.amount, r.printed_value, r.printed_unit,
            r.qualifier, r.source_article_id, r.source_url, r.source_quote, r.source_document, r.source_page, r.flow,
            r.includes_unclaimed_prizes,
            r.government_level, r.purpose_code, r.purpose_label, r.project_count, r.beneficiary_count,
            r.amount_per_beneficiary, r.metric, r.value, r.unit""".formatted(PublisherRef.COLUMNS);

    /** What a total needs of a figure ({@link #totalled}): no source, texts, counts or release. */
    private static final String TOTALLED_COLUMNS = """
            f.id, %s, r.revision, r.recorded_at, r.retracted, r.region_code, r.period_start, r.period_end,
            r.granularity, r.lottery_type, r.game_category, r.amount, r.qualifier, r.flow, r.government_level,
            r.purpose_code, r.purpose_label""".formatted(PublisherRef.COLUMNS);

    private static final String CURRENT = """
            join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision
            join publisher_ref p on p.id = f.publisher_id""";

    /**
     * Revisions joined to their figure when current: read from the revisions, each probing its figure by key. The
     * fence ({@code offset 0}) keeps PostgreSQL from reading the figures first.
     */
    private static final String CURRENT_BY_KEY = """
            join lateral (select * from figure g where g.id = r.figure_id and g.current_revision = r.revision offset 0) f
                on true
            join publisher_ref p on p.id = f.publisher_id""";

    private static final String AS_OF = """
            join lateral (select * from figure_revision h where h.figure_id = f.id and h.recorded_at <= :asOf
                          order by h.revision desc limit 1) r on true
            join publisher_ref p on p.id = f.publisher_id""";

    private static final String INSERT_FIGURE = """
            insert into figure (id, kind, publisher_id, current_revision, created_at, updated_at, released_at,
                embargoed_until, released_with)
            values (:id, :kind, :publisher_id, 1, :created_at, :created_at, :released_at, :embargoed_until,
                :released_with)""";

    private static final String INSERT_REVISION = """
            insert into figure_revision (figure_id, revision, action, reason, recorded_at, retracted, region_code,
                region_scope, period_start, period_end, granularity, period_label, lottery_type, game_category, amount,
                currency, printed_value, printed_unit, qualifier, source_article_id, source_url, source_quote,
                source_document, source_page, flow, includes_unclaimed_prizes, government_level, purpose_code, purpose_label, project_count,
                beneficiary_count, amount_per_beneficiary, metric, value, unit)
            values (:figure_id, :revision, :action, :reason, :recorded_at, :retracted, :region_code,
                :region_scope, :period_start, :period_end, :granularity, :period_label, :lottery_type, :game_category,
                :amount, :currency, :printed_value, :printed_unit, :qualifier, :source_article_id, :source_url,
                :source_quote, :source_document, :source_page, :flow, :includes_unclaimed_prizes, :government_level,
                :purpose_code, :purpose_label, :project_count, :beneficiary_count, :amount_per_beneficiary, :metric, :value, :unit)""";

    /** A row of {@link #COLUMNS}: read from the ResultSet by name, as exports and summaries read thousands. */
    private static final RowMapper<FigureRow> ROW = (rs, context) -> {
        PublisherRef publisher = PublisherRef.ROW.map(rs, context);
        Period period = period(rs, rs.getString("period_label"));
        FigureValues.Fund fund = fund(rs, true);
        String metric = rs.getString("metric");
        FigureValues.Indicator indicator = metric == null
                ? null
                : new FigureValues.Indicator(metric, plain(rs.getBigDecimal("value")), rs.getString("unit"));
        FigureValues values = new FigureValues(
                publisher.id(),
                rs.getString("region_code"),
                period,
                LotteryType.valueOf(rs.getString("lottery_type")),
                rs.getString("game_category"),
                rs.getBigDecimal("amount"),
                plain(rs.getBigDecimal("printed_value")),
                rs.getString("printed_unit"),
                Qualifier.valueOf(rs.getString("qualifier")),
                rs.getObject("source_article_id", UUID.class),
                rs.getString("source_url"),
                rs.getString("source_quote"),
                DocumentRef.fromJson(rs.getString("source_document")),
                rs.getObject("source_page", Integer.class),
                fund,
                indicator);
        return new FigureRow(
                rs.getObject("id", UUID.class),
                FigureKind.valueOf(rs.getString("kind")),
                publisher,
                Database.instant(rs, "created_at"),
                rs.getInt("revision"),
                rs.getString("action"),
                rs.getString("reason"),
                Database.instant(rs, "recorded_at"),
                rs.getBoolean("retracted"),
                values,
                release(rs));
    };

    /**
     * Reads a row of {@link #TOTALLED_COLUMNS}: a figure with what a summary's total needs of it, and one instance of
     * each publisher and region code however many figures name them, so that a year of figures takes a fraction of the
     * memory and of the reading.
     */
    private static RowMapper<FigureRow> totalled(
            FigureKind kind, Map<UUID, PublisherRef> publishers, Map<String, String> regionCodes) {
        return (rs, context) -> {
            PublisherRef publisher = publishers.get(rs.getObject("publisher_id", UUID.class));
            if (publisher == null) {
                publisher = PublisherRef.ROW.map(rs, context);
                publishers.put(publisher.id(), publisher);
            }
            FigureValues.Fund fund = fund(rs, false);
            Period period = period(rs, "");
            FigureValues values = new FigureValues(
                    null,
                    regionCodes.computeIfAbsent(rs.getString("region_code"), code -> code),
                    period,
                    LotteryType.valueOf(rs.getString("lottery_type")),
                    rs.getString("game_category"),
                    rs.getBigDecimal("amount"),
                    null,
                    null,
                    Qualifier.valueOf(rs.getString("qualifier")),
                    null,
                    null,
                    null,
                    null,
                    null,
                    fund,
                    null);
            return new FigureRow(
                    rs.getObject("id", UUID.class),
                    kind,
                    publisher,
                    null,
                    rs.getInt("revision"),
                    null,
                    null,
                    Database.instant(rs, "recorded_at"),
                    rs.getBoolean("retracted"),
                    values,
                    null);
        };
    }

    private static FigureRelease release(ResultSet rs) throws SQLException {
        return new FigureRelease(
                Database.instant(rs, "released_at"),
                Database.instant(rs, "embargoed_until"),
                rs.getObject("released_with", UUID.class));
    }

    /** A fund figure's own values, or null for other kinds; {@code whole}: with its counts and unclaimed prizes. */
    private static FigureValues.Fund fund(ResultSet rs, boolean whole) throws SQLException {
        String flow = rs.getString("flow");
        if (flow == null) {
            return null;
        }
        String governmentLevel = rs.getString("government_level");
        return new FigureValues.Fund(
                FundFlow.valueOf(flow),
                whole ? rs.getObject("includes_unclaimed_prizes", Boolean.class) : null,
                governmentLevel == null ? null : GovernmentLevel.valueOf(governmentLevel),
                rs.getString("purpose_code"),
                rs.getString("purpose_label"),
                whole ? rs.getObject("project_count", Integer.class) : null,
                whole ? rs.getObject("beneficiary_count", Integer.class) : null,
                whole ? rs.getBigDecimal("amount_per_beneficiary") : null);
    }

    private static Period period(ResultSet rs, String label) throws SQLException {
        return new Period(
                rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                Granularity.valueOf(rs.getString("granularity")),
                label);
    }

    @Inject
    Jdbi jdbi;

    /** Inserts new figures with their first revision, in two batches whatever their number. */
    void insertAll(List<FigureRow> rows, List<? extends Collection<String>> regionScopes) {
        jdbi.useHandle(handle -> {
            PreparedBatch figures = handle.prepareBatch(INSERT_FIGURE);
            PreparedBatch revisions = handle.prepareBatch(INSERT_REVISION);
            for (int i = 0; i < rows.size(); i++) {
                FigureRow row = rows.get(i);
                figures.bind("id", row.id())
                        .bind("kind", row.kind())
                        .bind("publisher_id", row.publisher().id())
                        .bind("created_at", row.createdAt())
                        .bind("released_at", row.release().releasedAt())
                        .bind("embargoed_until", row.release().embargoedUntil())
                        .bind("released_with", row.release().releasedWith())
                        .add();
                revisions.bindMap(revision(row, regionScopes.get(i))).add();
            }
            figures.execute();
            revisions.execute();
        });
    }

    /** Appends the figure's next revision and makes it the current one. */
    void appendRevision(FigureRow next, Collection<String> regionScope) {
        jdbi.useHandle(handle -> {
            handle.createUpdate(INSERT_REVISION)
                    .bindMap(revision(next, regionScope))
                    .execute();
            handle.createUpdate("update figure set current_revision = :revision, updated_at = :at where id = :id")
                    .bind("revision", next.revision())
                    .bind("at", next.recordedAt())
                    .bind("id", next.id())
                    .execute();
        });
    }

    /** The binds of {@link #INSERT_REVISION}, by column name. */
    private static Map<String, Object> revision(FigureRow row, Collection<String> regionScope) {
        FigureValues v = row.values();
        FigureValues.Fund fund = v.fund();
        FigureValues.Indicator indicator = v.indicator();
        Map<String, Object> binds = new HashMap<>();
        binds.put("figure_id", row.id());
        binds.put("revision", row.revision());
        binds.put("action", row.action());
        binds.put("reason", row.reason());
        binds.put("recorded_at", row.recordedAt());
        binds.put("retracted", row.retracted());
        binds.put("region_code", v.regionCode());
        binds.put("region_scope", regionScope.toArray(String[]::new));
        binds.put("period_start", v.period().start());
        binds.put("period_end", v.period().end());
        binds.put("granularity", v.period().granularity().name());
        binds.put("period_label", v.period().label());
        binds.put("lottery_type", v.lotteryType().name());
        binds.put("game_category", v.gameCategory());
        binds.put("amount", v.amount());
        binds.put("currency", v.amount() == null ? null : MoneyUnit.CURRENCY);
        binds.put("printed_value", v.printedValue());
        binds.put("printed_unit", v.printedUnit());
        binds.put("qualifier", v.qualifier().name());
        binds.put("source_article_id", v.sourceArticleId());
        binds.put("source_url", v.sourceUrl());
        binds.put("source_quote", v.sourceQuote());
        binds.put("source_document", Database.jsonb(v.sourceDocument()));
        binds.put("source_page", v.sourcePage());
        binds.put("flow", fund == null ? null : fund.flow().name());
        binds.put("includes_unclaimed_prizes", fund == null ? null : fund.includesUnclaimedPrizes());
        binds.put(
                "government_level",
                fund == null || fund.governmentLevel() == null
                        ? null
                        : fund.governmentLevel().name());
        binds.put("purpose_code", fund == null ? null : fund.purposeCode());
        binds.put("purpose_label", fund == null ? null : fund.purposeLabel());
        binds.put("project_count", fund == null ? null : fund.projectCount());
        binds.put("beneficiary_count", fund == null ? null : fund.beneficiaryCount());
        binds.put("amount_per_beneficiary", fund == null ? null : fund.amountPerBeneficiary());
        binds.put("metric", indicator == null ? null : indicator.metric());
        binds.put("value", indicator == null ? null : indicator.value());
        binds.put("unit", indicator == null ? null : indicator.unit());
        return binds;
    }

    /**
     * The current revision, locking the figure until the transaction ends so that writers take turns. The lock is
     * taken alone first: a locking join would drop the row when a writer that held the lock moved current_revision.
     */
    Optional<FigureRow> lockCurrent(FigureKind kind, UUID id) {
        boolean exists = jdbi.withHandle(
                handle -> handle.createQuery("select 1 from figure where kind = :kind and id = :id for update")
                        .bind("kind", kind)
                        .bind("id", id)
                        .mapTo(Integer.class)
                        .findFirst()
                        .isPresent());
        return exists ? find(kind, id, null, null) : Optional.empty();
    }

    /**
     * The figure as currently known, or as known at {@code asOf}, if it was public then or is one of
     * {@code unreleasedReadable}'s publishers (null: every publisher's).
     */
    Optional<FigureRow> find(FigureKind kind, UUID id, Instant asOf, Set<UUID> unreleasedReadable) {
        Sql sql = from(COLUMNS, asOf)
                .append(" where f.kind = :kind and f.id = :id")
                .bind("kind", kind)
                .bind("id", id);
        released(sql, asOf, unreleasedReadable);
        return jdbi.withHandle(handle -> sql.query(handle).map(ROW).findFirst());
    }

    /** The current revisions of these figures, of any kind. */
    List<FigureRow> current(Collection<UUID> ids) {
        Sql sql = from(COLUMNS, null).append(" where f.id = any(:ids) order by f.id", "ids", ids.toArray(UUID[]::new));
        return jdbi.withHandle(handle -> sql.query(handle).map(ROW).list());
    }

    /**
     * The oldest figures whose embargo has ended at {@code now}, at most {@code limit}, leaving out {@code skipped},
     * claimed with FOR UPDATE SKIP LOCKED until the caller's transaction ends (as scheduled articles are).
     */
    List<UUID> claimEmbargoDue(Instant now, Collection<UUID> skipped, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id from figure
                        where released_at is null and embargoed_until <= :now and id <> all(:skipped)
                        order by embargoed_until, id limit :limit for update skip locked""")
                .bind("now", now)
                .bind("skipped", skipped.toArray(UUID[]::new))
                .bind("limit", limit)
                .mapTo(UUID.class)
                .list());
    }

    /** When the next embargo ends; empty when no figure waits for one. */
    Optional<Instant> nextEmbargoEnd() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select min(embargoed_until) as next_due from figure where released_at is null"
                                + " and embargoed_until is not null")
                .map((rs, context) -> Database.instant(rs, "next_due"))
                .findFirst()
                .flatMap(Optional::ofNullable));
    }

    /** The figures held until this article is published, locked until the caller's transaction ends. */
    List<UUID> claimHeldFor(UUID articleId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id from figure where released_with = :article and released_at is null
                        order by id for update""")
                .bind("article", articleId)
                .mapTo(UUID.class)
                .list());
    }

    /** Makes these figures public from {@code now}. */
    void release(Collection<UUID> ids, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "update figure set released_at = :now where id = any(:ids) and released_at is null")
                .bind("now", now)
                .bind("ids", ids.toArray(UUID[]::new))
                .execute());
    }

    /** Every revision of a figure after {@code afterRevision}, oldest first. */
    List<FigureRow> revisions(UUID id, int afterRevision, int rows) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " " + """
                        from figure f join figure_revision r on r.figure_id = f.id join publisher_ref p on p.id = f.publisher_id
                        where f.id = :id and r.revision > :after order by r.revision limit :rows""")
                .bind("id", id)
                .bind("after", afterRevision)
                .bind("rows", rows)
                .map(ROW)
                .list());
    }

    /** One keyset page of figures matching the filter, of those the caller may see ({@link #find}). */
    List<FigureRow> page(FigureFilter filter, Set<UUID> unreleasedReadable, FigureSort sort, Cursor after, int rows) {
        Sql sql = select(filter, unreleasedReadable);
        if (after != null) {
            sql.append(sort.after("f.id", after));
        }
        sql.append(sort.orderBy("f.id")).append(" limit :rows", "rows", rows);
        return jdbi.withHandle(handle -> sql.query(handle).map(ROW).list());
    }

    /** The statement of {@link #forEach}. */
    static Sql exportStatement(FigureFilter filter, Set<UUID> unreleasedReadable) {
        return select(COLUMNS, filter, unreleasedReadable).append(" order by r.period_start, f.id");
    }

    /** Makes the current transaction read-only; must come before its first query. */
    void readOnly() {
        jdbi.useHandle(handle -> handle.execute("set transaction read only"));
    }

    /** Every figure matching the filter that the caller may see, streamed in period order, for exports. */
    void forEach(FigureFilter filter, Set<UUID> unreleasedReadable, Consumer<FigureRow> consumer) {
        Sql sql = exportStatement(filter, unreleasedReadable);
        jdbi.useHandle(handle -> sql.query(handle).setFetchSize(500).map(ROW).forEach(consumer));
    }

    /**
     * Gives the current transaction one snapshot for all its statements, and makes it read-only; must come before its
     * first query. A summary's kept years and the figures it reads are then of the same moment.
     */
    void snapshotReads() {
        jdbi.useHandle(handle -> handle.execute(SNAPSHOT_READS));
    }

    /**
     * This transaction's snapshot, and the years of a kind in which a change has committed since an earlier snapshot
     * ({@code since}, null when there is none): V32 notes every transaction's years, and a change not visible then but
     * visible now is one. All years, when notes that would decide were pruned since.
     */
    YearChanges changesSince(FigureKind kind, String region, String since) {
        return jdbi.withHandle(handle -> changesStatement(handle, "", kind, region, since)
                .map(FigureStore::yearChanges)
                .one());
    }

    /**
     * {@link #snapshotReads} and {@link #changesSince} in one round trip to the database: both statements go in one
     * message, and the second's answer is read. Must come before the transaction's first query.
     */
    YearChanges snapshotReadsWithChangesSince(FigureKind kind, String region, String since) {
        return jdbi.withHandle(handle -> changesStatement(handle, SNAPSHOT_READS + ";\n", kind, region, since)
                .execute((statement, context) -> {
                    PreparedStatement sent = statement.get();
                    if (!sent.getMoreResults()) {
                        throw new IllegalStateException("the changes since a snapshot answered no rows");
                    }
                    try (ResultSet rs = sent.getResultSet()) {
                        rs.next();
                        return yearChanges(rs, context);
                    }
                }));
    }

    private static Query changesStatement(Handle handle, String before, FigureKind kind, String region, String since) {
        if (since == null) {
            return handle.createQuery(
                    before + "select pg_current_snapshot()::text as now, true as pruned, null as changed");
        }
        return handle.createQuery(before + CHANGES_SINCE)
                .bind("kind", kind.name())
                .bind("region", region)
                .bind("since", since);
    }

    /** A row of {@link #changesStatement}: without an earlier snapshot, every year has changed. */
    private static YearChanges yearChanges(ResultSet rs, StatementContext context) throws SQLException {
        List<Integer> changed = new ArrayList<>();
        Array years = rs.getArray("changed");
        if (years != null) {
            for (Object year : (Object[]) years.getArray()) {
                changed.add((Integer) year);
            }
        }
        // a null year: every year of the kind
        boolean all = rs.getBoolean("pruned") || changed.contains(null);
        return new YearChanges(rs.getString("now"), all, all ? Set.of() : Set.copyOf(changed));
    }

    /**
     * Drops the notes of years changed more than {@code age} ago, and raises the horizon to the newest transaction
     * dropped: totals kept from a snapshot that transaction was not visible in are computed again.
     */
    void pruneYearChanges(Duration age) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        with gone as (delete from figure_year_change where changed_at < now() - cast(:age as interval)
                                      returning xid),
                             newest as (select max(xid) as xid from gone)
                        update figure_year_change_pruned p set xid = newest.xid from newest where newest.xid > p.xid""")
                .bind("age", age.toSeconds() + " seconds")
                .execute());
    }

    /** A snapshot, and the years changed since an earlier one: every year when {@code all}. */
    record YearChanges(String snapshot, boolean all, Set<Integer> years) {

        boolean changed(int year) {
            return all || years.contains(year);
        }

        /** Whether no year has changed. */
        boolean none() {
            return !all && years.isEmpty();
        }
    }

    /**
     * The same figures as {@link #forEach}, with only what a summary's total needs of each ({@link #totalled}): of every
     * year, or only of the years in {@code onlyYears} (by their period's start; none read when it is empty).
     */
    void forEachTotalled(
            FigureFilter filter, Set<UUID> unreleasedReadable, Set<Integer> onlyYears, Consumer<FigureRow> consumer) {
        if (onlyYears != null && onlyYears.isEmpty()) {
            return;
        }
        Sql sql = totalledStatement(filter, unreleasedReadable, onlyYears);
        RowMapper<FigureRow> totalled = totalled(filter.kind(), new HashMap<>(), new HashMap<>());
        jdbi.useHandle(
                handle -> sql.query(handle).setFetchSize(500).map(totalled).forEach(consumer));
    }

    /**
     * The statement of {@link #forEachTotalled}. Below the country, the figures of a region are a few thousand
     * revisions among all of them: found by region in the GIN index, each probes its figure by key
     * ({@link #CURRENT_BY_KEY}). Left to itself, PostgreSQL reads every figure of the kind instead: into a hash at its
     * default random_page_cost once the tables are analysed (twice the time on the benchmark's provinces), one by one
     * probing their revisions before (FigureSummaryPlanTest). The country's summary reads every figure and joins as
     * the planner likes.
     */
    static Sql totalledStatement(FigureFilter filter, Set<UUID> unreleasedReadable, Set<Integer> onlyYears) {
        boolean belowCountry = filter.asOf() == null
                && filter.region() != null
                && !filter.region().equals(Region.COUNTRY);
        Sql from = belowCountry
                ? new Sql("select " + TOTALLED_COLUMNS + " from figure_revision r " + CURRENT_BY_KEY)
                : from(TOTALLED_COLUMNS, filter.asOf());
        Sql sql = where(from, filter, unreleasedReadable);
        if (onlyYears != null) {
            // ranges of period_start, which its index serves (with the region's, a BitmapAnd reads a year's rows only)
            sql.append(" and (");
            int i = 0;
            for (int year : new TreeSet<>(onlyYears)) {
                sql.append(i == 0 ? "" : " or ")
                        .append("r.period_start >= :yearStart" + i, "yearStart" + i, LocalDate.of(year, 1, 1))
                        .append(" and r.period_start < :yearEnd" + i, "yearEnd" + i, LocalDate.of(year + 1, 1, 1));
                i++;
            }
            sql.append(")");
        }
        return sql.append(" order by r.period_start, f.id");
    }

    /** The content (SHA-256) of every document a figure's revisions cite, the old ones too: its history shows them. */
    List<String> documentsCitedBy(UUID figureId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select distinct source_document ->> 'sha256' from figure_revision
                        where figure_id = :figure and source_document is not null""")
                .bind("figure", figureId)
                .mapTo(String.class)
                .list());
    }

    /** Whether a figure of this kind already quotes this sentence of this article. */
    boolean quoted(FigureKind kind, UUID articleId, String quote) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select 1 from figure f join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision
                        where f.kind = :kind and r.source_article_id = :article and r.source_quote = :quote""")
                .bind("kind", kind)
                .bind("article", articleId)
                .bind("quote", quote)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent());
    }

    /** The select and joins of current revisions, or of those known at {@code asOf}. */
    private static Sql from(String columns, Instant asOf) {
        Sql sql = new Sql("select " + columns + " from figure f ");
        return asOf == null ? sql.append(CURRENT) : sql.append(AS_OF, "asOf", asOf);
    }

    /**
     * Keeps what was public at {@code asOf} (now, when null), and every figure of the {@code unreleasedReadable}
     * publishers (null: every publisher's).
     */
    private static void released(Sql sql, Instant asOf, Set<UUID> unreleasedReadable) {
        if (unreleasedReadable == null) {
            return;
        }
        String released = asOf == null ? "f.released_at is not null" : "f.released_at <= :asOf";
        if (unreleasedReadable.isEmpty()) {
            sql.append(" and " + released);
        } else {
            sql.append(
                    " and (" + released + " or f.publisher_id = any(:unreleasedReadable))",
                    "unreleasedReadable",
                    unreleasedReadable.toArray(UUID[]::new));
        }
    }

    private static Sql select(FigureFilter filter, Set<UUID> unreleasedReadable) {
        return select(COLUMNS, filter, unreleasedReadable);
    }

    private static Sql select(String columns, FigureFilter filter, Set<UUID> unreleasedReadable) {
        return where(from(columns, filter.asOf()), filter, unreleasedReadable);
    }

    /** The filter's conditions on {@code f}, the figure, and {@code r}, its revision. */
    private static Sql where(Sql from, FigureFilter filter, Set<UUID> unreleasedReadable) {
        Sql sql = from.append(" where f.kind = :kind", "kind", filter.kind());
        released(sql, filter.asOf(), unreleasedReadable);
        if (!filter.includeRetracted()) {
            sql.append(" and not r.retracted");
        }
        sql.appendIfSet(" and f.publisher_id = :publisher", "publisher", filter.publisherId());
        sql.appendIfSet(" and r.region_scope @> array[:region]::varchar[]", "region", filter.region());
        sql.appendIfSet(" and r.period_start >= :periodFrom", "periodFrom", filter.periodFrom());
        sql.appendIfSet(" and r.period_end <= :periodTo", "periodTo", filter.periodTo());
        sql.appendIfSet(" and r.lottery_type = :lotteryType", "lotteryType", filter.lotteryType());
        sql.appendIfSet(" and r.game_category = :gameCategory", "gameCategory", filter.gameCategory());
        sql.appendIfSet(" and r.granularity = :granularity", "granularity", filter.granularity());
        sql.appendIfSet(" and r.flow = :flow", "flow", filter.flow());
        sql.appendIfSet(" and r.purpose_code = :purpose", "purpose", filter.purpose());
        if (filter.text() != null) {
            sql.append(" and r.search @@ ").append(filter.text().tsquery());
        }
        return sql;
    }

    /** numeric(30,10) reads back 743.9000000000; shown as printed, 743.9. */
    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : FigureInputs.plain(value);
    }
}
