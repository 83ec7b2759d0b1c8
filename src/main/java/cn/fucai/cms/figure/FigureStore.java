package cn.fucai.cms.figure;

import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.sql.Jdbc;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Figures in SQL. The history is append-only: a write inserts a revision and moves figure.current_revision; reads
 * join the current revision, or with asOf the latest revision recorded by then (a lateral join on the history).
 * Connections come from the pool and join the caller's transaction.
 */
@ApplicationScoped
class FigureStore {

    private static final String COLUMNS = """
            f.id, f.kind, f.created_at, p.id, p.slug, p.name, p.name_en,
            r.revision, r.action, r.reason, r.recorded_at, r.retracted, r.region_code, r.period_start, r.period_end,
            r.granularity, r.period_label, r.lottery_type, r.game_category, r.amount, r.printed_value, r.printed_unit,
            r.qualifier, r.source_article_id, r.source_url, r.source_quote, r.flow, r.includes_unclaimed_prizes,
            r.government_level, r.purpose_code, r.purpose_label, r.project_count, r.beneficiary_count,
            r.amount_per_beneficiary, r.metric, r.value, r.unit""";

    private final Jdbc jdbc;

    FigureStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static final String INSERT_REVISION = """
            insert into figure_revision (figure_id, revision, action, reason, recorded_at, retracted, region_code,
                region_scope, period_start, period_end, granularity, period_label, lottery_type, game_category, amount,
                currency, printed_value, printed_unit, qualifier, source_article_id, source_url, source_quote, flow,
                includes_unclaimed_prizes, government_level, purpose_code, purpose_label, project_count,
                beneficiary_count, amount_per_beneficiary, metric, value, unit)
            values (?, ?, ?, ?, ?, ?, ?, ?::varchar[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Inserts new figures with their first revision, in two JDBC batches whatever their number. */
    void insertAll(List<FigureRow> rows, List<? extends Collection<String>> regionScopes) {
        jdbc.withConnection(connection -> {
            try (PreparedStatement figures = connection.prepareStatement(
                            "insert into figure (id, kind, publisher_id, current_revision, created_at, updated_at) values (?, ?, ?, 1, ?, ?)");
                    PreparedStatement revisions = connection.prepareStatement(INSERT_REVISION)) {
                for (int i = 0; i < rows.size(); i++) {
                    FigureRow row = rows.get(i);
                    Jdbc.bind(
                            figures,
                            row.id(),
                            row.kind().name(),
                            row.publisher().id(),
                            utc(row.createdAt()),
                            utc(row.createdAt()));
                    figures.addBatch();
                    Jdbc.bind(
                            revisions,
                            revisionParams(
                                    row.id(),
                                    1,
                                    "created",
                                    null,
                                    row.recordedAt(),
                                    false,
                                    row.values(),
                                    regionScopes.get(i)));
                    revisions.addBatch();
                }
                figures.executeBatch();
                revisions.executeBatch();
            }
            return null;
        });
    }

    /** Appends a revision and makes it the current one. */
    void appendRevision(
            UUID figureId,
            int revision,
            String action,
            String reason,
            Instant recordedAt,
            boolean retracted,
            FigureValues v,
            Collection<String> regionScope) {
        jdbc.update(
                INSERT_REVISION,
                revisionParams(figureId, revision, action, reason, recordedAt, retracted, v, regionScope));
        jdbc.update(
                "update figure set current_revision = ?, updated_at = ? where id = ?",
                revision,
                utc(recordedAt),
                figureId);
    }

    private static Object[] revisionParams(
            UUID figureId,
            int revision,
            String action,
            String reason,
            Instant recordedAt,
            boolean retracted,
            FigureValues v,
            Collection<String> regionScope) {
        FigureValues.Fund fund = v.fund();
        FigureValues.Indicator indicator = v.indicator();
        return new Object[] {
            figureId,
            revision,
            action,
            reason,
            utc(recordedAt),
            retracted,
            v.regionCode(),
            "{" + String.join(",", regionScope) + "}",
            v.period().start(),
            v.period().end(),
            v.period().granularity().name(),
            v.period().label(),
            v.lotteryType().name(),
            v.gameCategory(),
            v.amount(),
            v.amount() == null ? null : MoneyUnit.CURRENCY,
            v.printedValue(),
            v.printedUnit(),
            v.qualifier().name(),
            v.sourceArticleId(),
            v.sourceUrl(),
            v.sourceQuote(),
            fund == null ? null : fund.flow().name(),
            fund == null ? null : fund.includesUnclaimedPrizes(),
            fund == null || fund.governmentLevel() == null
                    ? null
                    : fund.governmentLevel().name(),
            fund == null ? null : fund.purposeCode(),
            fund == null ? null : fund.purposeLabel(),
            fund == null ? null : fund.projectCount(),
            fund == null ? null : fund.beneficiaryCount(),
            fund == null ? null : fund.amountPerBeneficiary(),
            indicator == null ? null : indicator.metric(),
            indicator == null ? null : indicator.value(),
            indicator == null ? null : indicator.unit()
        };
    }

    /**
     * The current revision, locking the figure until the transaction ends so that writers take turns. The lock is
     * taken alone first: a locking join would drop the row when a writer that held the lock moved current_revision.
     */
    Optional<FigureRow> lockCurrent(FigureKind kind, UUID id) {
        if (!jdbc.exists("select 1 from figure where kind = ? and id = ? for update", kind.name(), id)) {
            return Optional.empty();
        }
        return find(kind, id, null);
    }

    /** The figure as currently known, or as known at {@code asOf}. */
    Optional<FigureRow> find(FigureKind kind, UUID id, Instant asOf) {
        return asOf == null
                ? first(
                        "select " + COLUMNS + " from figure f" + CURRENT + " where f.kind = ? and f.id = ?",
                        kind.name(),
                        id)
                : first(
                        "select " + COLUMNS + " from figure f" + AS_OF + " where f.kind = ? and f.id = ?",
                        utc(asOf),
                        kind.name(),
                        id);
    }

    /** Every revision of a figure after {@code afterRevision}, oldest first. */
    List<FigureRow> revisions(UUID id, int afterRevision, int rows) {
        return jdbc.list(
                "select " + COLUMNS
                        + " from figure f join figure_revision r on r.figure_id = f.id join publisher p on p.id = f.publisher_id"
                        + " where f.id = ? and r.revision > ? order by r.revision limit ?",
                FigureStore::row,
                id,
                afterRevision,
                rows);
    }

    /** One keyset page of figures matching the filter. */
    List<FigureRow> page(FigureFilter filter, FigureSort sort, Cursor after, int rows) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = select(filter, params);
        if (after != null) {
            sql.append(" and ").append(sort.after("f.id"));
            params.add(after.keys().get(0));
            params.add(after.uuidKey(1));
        }
        sql.append(sort.orderBy("f.id")).append(" limit ?");
        params.add(rows);
        return jdbc.list(sql.toString(), FigureStore::row, params.toArray());
    }

    /** Makes the current transaction read-only; must come before its first query. */
    void readOnly() {
        jdbc.update("set transaction read only");
    }

    /** Every figure matching the filter, streamed in period order, for exports and summaries. */
    void forEach(FigureFilter filter, Consumer<FigureRow> consumer) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = select(filter, params).append(" order by r.period_start, f.id");
        jdbc.stream(sql.toString(), rs -> consumer.accept(row(rs)), params.toArray());
    }

    /** Whether a figure of this kind already quotes this sentence of this article. */
    boolean quoted(FigureKind kind, UUID articleId, String quote) {
        return jdbc.exists("""
                select 1 from figure f join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision
                where f.kind = ? and r.source_article_id = ? and r.source_quote = ?""", kind.name(), articleId, quote);
    }

    /** Whether an article with this id exists, deleted or not: a figure may cite an article that was later withdrawn. */
    boolean articleExists(UUID id) {
        return jdbc.exists("select 1 from article where id = ?", id);
    }

    private static final String CURRENT =
            " join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision"
                    + " join publisher p on p.id = f.publisher_id";
    private static final String AS_OF = " " + """
            join lateral (select * from figure_revision h where h.figure_id = f.id and h.recorded_at <= ?
                          order by h.revision desc limit 1) r on true
            join publisher p on p.id = f.publisher_id""";

    private static StringBuilder select(FigureFilter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from figure f");
        if (filter.asOf() == null) {
            sql.append(CURRENT);
        } else {
            sql.append(AS_OF);
            params.add(utc(filter.asOf()));
        }
        sql.append(" where f.kind = ?");
        params.add(filter.kind().name());
        if (!filter.includeRetracted()) {
            sql.append(" and not r.retracted");
        }
        if (filter.publisherId() != null) {
            sql.append(" and f.publisher_id = ?");
            params.add(filter.publisherId());
        }
        if (filter.region() != null) {
            sql.append(" and r.region_scope @> array[?]::varchar[]");
            params.add(filter.region());
        }
        if (filter.periodFrom() != null) {
            sql.append(" and r.period_start >= ?");
            params.add(filter.periodFrom());
        }
        if (filter.periodTo() != null) {
            sql.append(" and r.period_end <= ?");
            params.add(filter.periodTo());
        }
        if (filter.lotteryType() != null) {
            sql.append(" and r.lottery_type = ?");
            params.add(filter.lotteryType().name());
        }
        if (filter.gameCategory() != null) {
            sql.append(" and r.game_category = ?");
            params.add(filter.gameCategory());
        }
        if (filter.granularity() != null) {
            sql.append(" and r.granularity = ?");
            params.add(filter.granularity().name());
        }
        if (filter.flow() != null) {
            sql.append(" and r.flow = ?");
            params.add(filter.flow().name());
        }
        if (filter.purpose() != null) {
            sql.append(" and r.purpose_code = ?");
            params.add(filter.purpose());
        }
        if (filter.text() != null) {
            Sql tsquery = filter.text().tsquery();
            sql.append(" and r.search @@ ").append(tsquery.text());
            params.addAll(Arrays.asList(tsquery.params()));
        }
        return sql;
    }

    private Optional<FigureRow> first(String sql, Object... params) {
        return jdbc.list(sql, FigureStore::row, params).stream().findFirst();
    }

    private static FigureRow row(ResultSet rs) throws SQLException {
        PublisherRef publisher =
                new PublisherRef(rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7));
        Granularity granularity = Granularity.valueOf(rs.getString(16));
        Period period = new Period(
                rs.getObject(14, LocalDate.class), rs.getObject(15, LocalDate.class), granularity, rs.getString(17));
        String flow = rs.getString(27);
        FigureValues.Fund fund = flow == null
                ? null
                : new FigureValues.Fund(
                        FundFlow.valueOf(flow),
                        (Boolean) rs.getObject(28),
                        rs.getString(29) == null ? null : GovernmentLevel.valueOf(rs.getString(29)),
                        rs.getString(30),
                        rs.getString(31),
                        (Integer) rs.getObject(32),
                        (Integer) rs.getObject(33),
                        rs.getBigDecimal(34));
        String metric = rs.getString(35);
        FigureValues.Indicator indicator = metric == null
                ? null
                : new FigureValues.Indicator(metric, nullablePlain(rs.getBigDecimal(36)), rs.getString(37));
        FigureValues values = new FigureValues(
                publisher.id(),
                rs.getString(13),
                period,
                LotteryType.valueOf(rs.getString(18)),
                rs.getString(19),
                rs.getBigDecimal(20),
                nullablePlain(rs.getBigDecimal(21)),
                rs.getString(22),
                Qualifier.valueOf(rs.getString(23)),
                rs.getObject(24, UUID.class),
                rs.getString(25),
                rs.getString(26),
                fund,
                indicator);
        return new FigureRow(
                rs.getObject(1, UUID.class),
                FigureKind.valueOf(rs.getString(2)),
                publisher,
                instant(rs, 3),
                rs.getInt(8),
                rs.getString(9),
                rs.getString(10),
                instant(rs, 11),
                rs.getBoolean(12),
                values);
    }

    /** numeric(30,10) reads back 743.9000000000; shown as printed, 743.9. */
    private static BigDecimal nullablePlain(BigDecimal value) {
        return value == null ? null : FigureInputs.plain(value);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
