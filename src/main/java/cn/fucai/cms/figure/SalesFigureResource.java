package cn.fucai.cms.figure;

import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lottery sales figures. */
@Path("/api/v1/sales-figures")
@Tag(
        name = "Sales figures",
        description = "Lottery sales by period, region, lottery type and game category, in exact yuan")
public class SalesFigureResource extends SummarizedFigureResource {

    public SalesFigureResource(FigureService figures) {
        super(figures, FigureKind.sales);
    }
}
