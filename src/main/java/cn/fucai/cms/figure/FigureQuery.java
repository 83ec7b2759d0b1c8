package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.search.SearchQuery;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Parameter(description = "Publisher id or slug", example = "wenzhou-fucai")
    public String publisher;

    @QueryParam("region")
    @Parameter(description = "GB/T 2260 code; includes sub-regions", example = "330000")
    public String region;

    @QueryParam("periodFrom")
    @Parameter(description = "Only figures whose period starts on or after this date", example = "2019-01-01")
    public LocalDate periodFrom;

    @QueryParam("periodTo")
    @Parameter(description = "Only figures whose period ends on or before this date", example = "2019-12-31")
    public LocalDate periodTo;

    @QueryParam("lotteryType")
    @Parameter(
            description = "welfare, sports or all",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"welfare", "sports", "all"}))
    public LotteryType lotteryType;

    @QueryParam("gameCategory")
    @Parameter(description = "Exact game category", example = "即开型")
    public String gameCategory;

    @QueryParam("flow")
    @Parameter(
            description = "Fund figures only: the fund flow",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"raised", "allocated", "used", "remitted_to_central", "retained_locally"}))
    public FundFlow flow;

    @QueryParam("purpose")
    @Parameter(description = "Fund figures only: the purpose code", example = "elderly-welfare")
    public String purpose;

    @QueryParam("asOf")
    @Parameter(
            description = "RFC 3339 moment: answer with the values as they were known then",
            example = "2020-03-01T00:00:00Z",
            schema = @Schema(type = SchemaType.STRING))
    public Instant asOf;

    /** The filter, given the publisher id the service resolved; kind-specific parameters are refused elsewhere. */
    FigureFilter toFilter(FigureKind kind, UUID publisherId, Granularity granularity, boolean includeRetracted) {
        if (kind != FigureKind.fund && (flow != null || purpose != null)) {
            throw new InvalidInputException(flow != null ? "flow" : "purpose", "applies to fund figures only");
        }
        return new FigureFilter(
                kind,
                publisherId,
                region,
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
