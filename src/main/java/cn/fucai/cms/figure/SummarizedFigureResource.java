package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.figure.FigureDtos.SummaryResponse;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Figures whose amounts add up (sales, fund): the shared resource plus chart summaries. */
public abstract class SummarizedFigureResource extends FigureResource {

    protected SummarizedFigureResource(FigureService figures, FigureKind kind) {
        super(figures, kind);
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Summarise figures for a chart", description = """
            Exact totals grouped by year, quarter, month, region, publisher, game category, flow or purpose, without
            double counting: a region with figures of its own is totalled from them, and only a region without any is
            summed from its sub-regions; a total beats its breakdown, a figure for the whole period beats finer ones.
            Each total names its figures and says how it was reached; time groups carry the change against a year before.""")
    @APIResponse(responseCode = "200", description = "The totals")
    @APIResponse(responseCode = "400", description = "A bad grouping or filter, or a fund summary mixing flows")
    public SummaryResponse summarizeFigures(
            @QueryParam("groupBy") @Parameter(description = "What to group by", required = true)
                    FigureSummaries.GroupBy groupBy,
            @BeanParam FigureQuery query) {
        if (groupBy == null) {
            throw new InvalidInputException(
                    "groupBy", "is required: year, quarter, month, region, publisher, gameCategory, flow or purpose");
        }
        return figures.summary(kind, groupBy, query.toFilter(kind, null, false));
    }
}
