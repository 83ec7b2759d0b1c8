package cn.fucai.cms.figure;

import cn.fucai.cms.common.text.SearchQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Filters of figure lists, exports and summaries, already checked; null means "any". {@code region} includes
 * sub-regions; a period filter keeps figures whose whole period lies in [periodFrom, periodTo]; {@code asOf} reads
 * the values as they were known at that moment; {@code text} keeps figures whose label, category, quote, purpose,
 * metric or correction reason hold the words.
 */
public record FigureFilter(
        FigureKind kind,
        UUID publisherId,
        String region,
        LocalDate periodFrom,
        LocalDate periodTo,
        LotteryType lotteryType,
        String gameCategory,
        Granularity granularity,
        FundFlow flow,
        String purpose,
        boolean includeRetracted,
        Instant asOf,
        SearchQuery text) {}
