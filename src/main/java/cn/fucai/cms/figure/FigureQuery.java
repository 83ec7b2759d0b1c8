package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.text.SearchQuery;
import cn.fucai.cms.publisher.KnownPublisher;
import cn.fucai.cms.region.RegionCode;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filter parameters figure lists, exports and summaries share, parsed with a 400 naming any bad one. */
public class FigureQuery {

    @QueryParam("q")
    @Parameter(
            description =
                    "Only figures whose period label, game category, source quote, purpose, metric or correction "
                            + "reason hold these words, matched as in search: Chinese words wherever they stand, English in any inflection",
            example = "助学")
    public String q;

    @QueryParam("publisher")
    public KnownPublisher publisher;

    @QueryParam("region")
    public RegionCode region;

    @QueryParam("periodFrom")
    @Parameter(description = "Only figures whose period starts on or after this date", example = "2019-01-01")
    public LocalDate periodFrom;

    @QueryParam("periodTo")
    @Parameter(description = "Only figures whose period ends on or before this date", example = "2019-12-31")
    public LocalDate periodTo;

    @QueryParam("lotteryType")
    @Parameter(description = "Welfare or sports lottery, or all")
    public LotteryType lotteryType;

    @QueryParam("gameCategory")
    @Parameter(description = "Exact game category", example = "即开型")
    public String gameCategory;

    @QueryParam("flow")
    @Parameter(description = "Fund figures only: the fund flow")
    public FundFlow flow;

    @QueryParam("purpose")
    @Parameter(description = "Fund figures only: the purpose code", example = "elderly-welfare")
    public String purpose;

    @QueryParam("asOf")
    public Instant asOf;

    /** The filter, given the publisher id the service resolved; kind-specific parameters are refused elsewhere. */
    FigureFilter toFilter(FigureKind kind, Granularity granularity, boolean includeRetracted) {
        if (kind != FigureKind.fund && (flow != null || purpose != null)) {
            throw new InvalidInputException(flow != null ? "flow" : "purpose", "applies to fund figures only");
        }
        return new FigureFilter(
                kind,
                KnownPublisher.idOf(publisher),
                RegionCode.valueOf(region),
                periodFrom,
                periodTo,
                lotteryType,
                gameCategory,
                granularity,
                flow,
                purpose,
                includeRetracted,
                asOf,
                q == null ? null : SearchQuery.parse(q));
    }
}
