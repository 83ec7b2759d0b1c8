package cn.fucai.cms.figure;

import cn.fucai.cms.media.DocumentRef;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The values of one revision of a figure, checked and normalised: money in yuan to the fen, the figure as printed
 * beside it, and its source. {@code fund} is set on fund figures only, {@code indicator} on indicator figures only.
 */
public record FigureValues(
        UUID publisherId,
        String regionCode,
        Period period,
        LotteryType lotteryType,
        String gameCategory,
        BigDecimal amount,
        BigDecimal printedValue,
        String printedUnit,
        Qualifier qualifier,
        UUID sourceArticleId,
        String sourceUrl,
        String sourceQuote,
        DocumentRef sourceDocument,
        Integer sourcePage,
        Fund fund,
        Indicator indicator) {

    /** What a fund figure adds. */
    public record Fund(
            FundFlow flow,
            Boolean includesUnclaimedPrizes,
            GovernmentLevel governmentLevel,
            String purposeCode,
            String purposeLabel,
            Integer projectCount,
            Integer beneficiaryCount,
            BigDecimal amountPerBeneficiary) {}

    /** A figure that is neither sales nor fund: a metric, its value and unit (1275 投注站, 家). */
    public record Indicator(String metric, BigDecimal value, String unit) {}
}
