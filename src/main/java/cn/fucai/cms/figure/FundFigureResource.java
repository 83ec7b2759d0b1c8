package cn.fucai.cms.figure;

import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public-welfare fund (公益金) figures. */
@Path("/api/v1/fund-figures")
@Tag(
        name = "Fund figures",
        description = "Public-welfare fund (公益金) raised, allocated and used by purpose, in exact yuan")
public class FundFigureResource extends SummarizedFigureResource {

    public FundFigureResource(FigureService figures) {
        super(figures, FigureKind.fund);
    }
}
