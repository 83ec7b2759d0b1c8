package cn.fucai.cms.region;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Region records on the wire. */
public final class RegionDtos {

    private RegionDtos() {}

    @Schema(name = "RegionSummary", description = "An administrative division in a list or a parent chain")
    public record RegionSummary(
            @Schema(description = "GB/T 2260 six-digit code", example = "330300")
            String code,

            @Schema(description = "Name as the National Bureau of Statistics writes it", example = "温州市")
            String name,

            @Schema(example = "prefecture") RegionLevel level,

            @Schema(
                    description = "Code of the enclosing division; null for the country",
                    example = "330000",
                    nullable = true)
            String parentCode) {

        static RegionSummary from(Region region) {
            return new RegionSummary(region.code(), region.name(), region.level(), region.parentCode());
        }
    }

    @Schema(name = "Region", description = "An administrative division with its chain of enclosing divisions")
    public record RegionResponse(
            @Schema(example = "330302") String code,
            @Schema(example = "鹿城区") String name,
            @Schema(example = "county") RegionLevel level,
            @Schema(example = "330300", nullable = true) String parentCode,

            @Schema(description = "Enclosing divisions from the country down to the direct parent", example = """
                            [{"code":"000000","name":"中国","level":"country","parentCode":null},
                             {"code":"330000","name":"浙江省","level":"province","parentCode":"000000"},
                             {"code":"330300","name":"温州市","level":"prefecture","parentCode":"330000"}]""")
            List<RegionSummary> parents,

            @Schema(example = "2026-11-23T08:00:00Z") Instant createdAt,
            @Schema(example = "2026-11-23T08:00:00Z") Instant updatedAt) {

        static RegionResponse from(Region region, List<Region> ancestors) {
            return new RegionResponse(
                    region.code(),
                    region.name(),
                    region.level(),
                    region.parentCode(),
                    ancestors.stream().map(RegionSummary::from).toList(),
                    region.createdAt(),
                    region.updatedAt());
        }
    }
}
