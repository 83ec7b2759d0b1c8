package cn.fucai.cms.figure;

import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Figures that are neither sales nor fund: betting stations, star-rated stations, investments. */
@Path("/api/v1/indicator-figures")
@Tag(name = "Indicator figures", description = "Other disclosed numbers: a metric, its value and unit (1275 投注站, 家)")
public class IndicatorFigureResource extends FigureResource {

    public IndicatorFigureResource(FigureService figures) {
        super(figures, FigureKind.indicator);
    }
}
