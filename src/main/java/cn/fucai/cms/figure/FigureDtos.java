package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.Problem.FieldViolation;
import cn.fucai.cms.common.validation.Patterns;
import cn.fucai.cms.media.DocumentRef;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Figure records on the wire. */
public final class FigureDtos {

    private FigureDtos() {}

    @Schema(name = "FigureRequest", description = """
            A figure to create, or its corrected values. `amount` is required on sales and fund figures, `fund` on fund
            figures only, `indicator` on indicator figures only. A source needs an article id, a URL, or both.""")
    public record FigureRequest(
            @NotBlank @Size(max = 100) @Schema(description = "Id or slug of the publisher", example = "wenzhou-fucai")
            String publisher,

            @NotNull
            @Pattern(regexp = Patterns.REGION_CODE, message = Patterns.REGION_CODE_MESSAGE)
            @Schema(description = "GB/T 2260 code of the region the figure is about", example = "330300")
            String regionCode,

            @NotNull @Valid PeriodInput period,
            @NotNull @Schema(example = "welfare") LotteryType lotteryType,

            @Size(max = 50)
            @Schema(description = "Game category where the source gives one", nullable = true, example = "即开型")
            String gameCategory,

            @Valid @Schema(nullable = true) AmountInput amount,

            @NotNull @Schema(description = "How exact the printed figure is: 5亿多元 is `over`", example = "over")
            Qualifier qualifier,

            @NotNull @Valid SourceInput source,

            @Valid @Schema(nullable = true, description = "Fund figures only")
            FundInput fund,

            @Valid @Schema(nullable = true, description = "Indicator figures only")
            IndicatorInput indicator,

            @Schema(
                    nullable = true,
                    description =
                            "RFC 3339 with an offset: keeps a new figure from the public until then (the scheduler"
                                    + " releases it). A figure whose source article is not published yet is held until that"
                                    + " article is published, without this; a time that has passed releases it now",
                    example = "2026-03-01T09:00:00+08:00")
            Instant embargoedUntil) {}

    @Schema(
            name = "PeriodInput",
            description = "A reporting period; the label defaults to 2019, 2019-Q4, 2019-12 or start/end")
    public record PeriodInput(
            @NotNull @Schema(example = "2019-01-01") LocalDate start,
            @NotNull @Schema(example = "2019-12-30") LocalDate end,
            @NotNull @Schema(example = "YEAR_TO_DATE") Granularity granularity,

            @Size(max = 50) @Schema(nullable = true, example = "2019年（截至12月30日）")
            String label) {}

    @Schema(name = "AmountInput", description = "Money as printed: 743.9 万元 is stored as exactly 7439000.00 yuan")
    public record AmountInput(
            @NotNull
            @Schema(
                    type = SchemaType.STRING,
                    description = "Decimal number as printed; a string keeps it exact",
                    example = "743.9")
            BigDecimal value,

            @NotBlank
            @Schema(
                    enumeration = {"元", "万元", "亿元"},
                    example = "万元")
            String unit,

            @Size(max = 3)
            @Schema(
                    description = "ISO 4217; only CNY is accepted",
                    defaultValue = "CNY",
                    nullable = true,
                    example = "CNY")
            String currency) {}

    @Schema(name = "SourceInput", description = "Where the figure was published")
    public record SourceInput(
            @Schema(nullable = true, description = "The article that announced it")
            UUID articleId,

            @Size(max = 2000)
            @Pattern(regexp = Patterns.HTTP_URL, message = Patterns.HTTP_URL_MESSAGE)
            @Schema(nullable = true, example = "https://www.example.org/news/2020/0106.html")
            String url,

            @Size(max = 2000)
            @Schema(nullable = true, description = "The sentence that states it", example = "全年投入福彩公益金743.9万元")
            String quote,

            @Schema(
                    nullable = true,
                    description = "A PDF of the publisher's media library that states it (the report itself)",
                    example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
            UUID documentId,

            @Positive @Schema(nullable = true, description = "The page of the document that states it", example = "3")
            Integer page) {}

    @Schema(name = "FundInput", description = "What a public-welfare fund figure adds")
    public record FundInput(
            @NotNull @Schema(example = "used") FundFlow flow,

            @Schema(nullable = true, description = "Whether unclaimed prizes (弃奖) are included", example = "true")
            Boolean includesUnclaimedPrizes,

            @Schema(nullable = true, example = "municipal_county")
            GovernmentLevel governmentLevel,

            @Valid @Schema(nullable = true) PurposeInput purpose,

            @PositiveOrZero @Schema(nullable = true, description = "Projects or activities", example = "48")
            Integer projectCount,

            @PositiveOrZero @Schema(nullable = true, example = "3263")
            Integer beneficiaryCount,

            @Valid @Schema(nullable = true) AmountInput amountPerBeneficiary) {}

    @Schema(name = "Purpose", description = "What fund money was used for: a stable code and the label as printed")
    public record PurposeInput(
            @NotBlank
            @Size(max = 50)
            @Pattern(regexp = Patterns.SLUG, message = Patterns.SLUG_MESSAGE)
            @Schema(example = "elderly-welfare")
            String code,

            @NotBlank @Size(max = 100) @Schema(example = "老年人福利类")
            String label) {}

    @Schema(name = "IndicatorInput", description = "A figure that is neither sales nor fund")
    public record IndicatorInput(
            @NotBlank @Size(max = 100) @Schema(example = "投注站数量")
            String metric,

            @NotNull @Schema(type = SchemaType.STRING, example = "1275")
            BigDecimal value,

            @NotBlank @Size(max = 20) @Schema(example = "家") String unit) {}

    /** What a figure.imported webhook event carries: the figures one batch import created for one publisher. */
    public record ImportedFigures(String kind, UUID publisherId, int count, List<UUID> figureIds) {}

    @Schema(name = "FigureCorrection", description = "New values for a figure and why they replace the old ones")
    public record CorrectionRequest(
            @NotBlank @Size(max = 1000) @Schema(example = "按市民政局年度公告更正")
            String reason,

            @NotNull @Valid FigureRequest figure) {}

    @Schema(name = "FigureRetraction", description = "Why a figure is withdrawn")
    public record RetractionRequest(
            @NotBlank @Size(max = 1000) @Schema(example = "重复录入")
            String reason) {}

    @Schema(name = "Money", description = "Exact money: a decimal string in yuan, never a float")
    public record Money(
            @Schema(example = "7439000.00") String amount,
            @Schema(example = "CNY") String currency) {

        static Money of(BigDecimal yuan) {
            return yuan == null
                    ? null
                    : new Money(yuan.setScale(MoneyUnit.YUAN_SCALE).toPlainString(), MoneyUnit.CURRENCY);
        }
    }

    @Schema(name = "Printed", description = "The figure as the source printed it")
    public record Printed(
            @Schema(example = "743.9") String value,
            @Schema(example = "万元") String unit) {}

    @Schema(name = "Source", description = "Where the figure was published")
    public record Source(
            @Schema(nullable = true) UUID articleId,

            @Schema(nullable = true, example = "https://www.example.org/news/2020/0106.html")
            String url,

            @Schema(nullable = true, example = "全年投入福彩公益金743.9万元")
            String quote,

            @Schema(nullable = true, description = "The PDF that states it; open `document.url` + `#page=` + page")
            DocumentRef document,

            @Schema(nullable = true, example = "3") Integer page) {}

    @Schema(name = "FundDetails", description = "What a public-welfare fund figure adds")
    public record FundDetails(
            @Schema(example = "used") FundFlow flow,
            @Schema(nullable = true) Boolean includesUnclaimedPrizes,

            @Schema(nullable = true, example = "municipal_county")
            GovernmentLevel governmentLevel,

            @Schema(nullable = true) PurposeInput purpose,
            @Schema(nullable = true, example = "48") Integer projectCount,
            @Schema(nullable = true, example = "3263") Integer beneficiaryCount,
            @Schema(nullable = true) Money amountPerBeneficiary) {}

    @Schema(name = "IndicatorDetails", description = "A metric, its value and unit")
    public record IndicatorDetails(
            @Schema(example = "投注站数量") String metric,
            @Schema(example = "1275") String value,
            @Schema(example = "家") String unit) {}

    @Schema(name = "Figure", description = "A disclosed figure as currently known, or as known at `asOf`")
    public record FigureResponse(
            UUID id,
            @Schema(example = "fund") FigureKind kind,
            PublisherRef publisher,
            @Schema(example = "330300") String regionCode,
            Period period,
            @Schema(example = "welfare") LotteryType lotteryType,
            @Schema(nullable = true, example = "即开型") String gameCategory,

            @Schema(nullable = true, description = "In yuan; null on indicator figures")
            Money amount,

            @Schema(nullable = true) Printed printed,
            @Schema(example = "exact") Qualifier qualifier,
            Source source,
            @Schema(nullable = true) FundDetails fund,
            @Schema(nullable = true) IndicatorDetails indicator,

            @Schema(description = "Revision number; 1 when never corrected", example = "1")
            int revision,

            @Schema(description = "Retracted figures are kept in history but left out of totals")
            boolean retracted,

            @Schema(example = "2020-01-06T03:49:00Z") Instant createdAt,

            @Schema(description = "When the revision shown was recorded", example = "2020-01-06T03:49:00Z")
            Instant updatedAt,

            @Schema(
                    nullable = true,
                    description = "When it became public; null while it is held (only its publisher's editors see it)",
                    example = "2020-01-06T03:49:00Z")
            Instant releasedAt,

            @Schema(nullable = true, description = "Held from the public until then", example = "2026-03-01T01:00:00Z")
            Instant embargoedUntil,

            @Schema(
                    nullable = true,
                    description = "Held until this article, its source, is published; released with it",
                    example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
            UUID releasedWithArticle) {

        static FigureResponse from(FigureRow row) {
            FigureValues v = row.values();
            FigureValues.Fund f = v.fund();
            FundDetails fund = f == null
                    ? null
                    : new FundDetails(
                            f.flow(),
                            f.includesUnclaimedPrizes(),
                            f.governmentLevel(),
                            f.purposeCode() == null ? null : new PurposeInput(f.purposeCode(), f.purposeLabel()),
                            f.projectCount(),
                            f.beneficiaryCount(),
                            Money.of(f.amountPerBeneficiary()));
            IndicatorDetails indicator = v.indicator() == null
                    ? null
                    : new IndicatorDetails(
                            v.indicator().metric(),
                            v.indicator().value().toPlainString(),
                            v.indicator().unit());
            return new FigureResponse(
                    row.id(),
                    row.kind(),
                    row.publisher(),
                    v.regionCode(),
                    v.period(),
                    v.lotteryType(),
                    v.gameCategory(),
                    Money.of(v.amount()),
                    v.printedValue() == null
                            ? null
                            : new Printed(v.printedValue().toPlainString(), v.printedUnit()),
                    v.qualifier(),
                    new Source(v.sourceArticleId(), v.sourceUrl(), v.sourceQuote(), v.sourceDocument(), v.sourcePage()),
                    fund,
                    indicator,
                    row.revision(),
                    row.retracted(),
                    row.createdAt(),
                    row.recordedAt(),
                    row.release().releasedAt(),
                    row.release().embargoedUntil(),
                    row.release().releasedWith());
        }
    }

    @Schema(name = "FigureRevision", description = "One entry of a figure's history")
    public record RevisionResponse(
            @Schema(example = "2") int revision,

            @Schema(
                    enumeration = {"created", "corrected", "retracted"},
                    example = "corrected")
            String action,

            @Schema(nullable = true, example = "按市民政局年度公告更正")
            String reason,

            @Schema(example = "2020-03-01T00:00:00Z") Instant recordedAt,

            @Schema(description = "The figure as this revision recorded it")
            FigureResponse figure) {

        static RevisionResponse from(FigureRow row) {
            return new RevisionResponse(
                    row.revision(), row.action(), row.reason(), row.recordedAt(), FigureResponse.from(row));
        }
    }

    @Schema(
            name = "FigureImportPreview",
            description = "What an import would create, row by row, and every problem it would answer with")
    public record ImportPreview(
            @Schema(description = "Data rows in the batch, readable or not", example = "12")
            int rowCount,

            @Schema(description = "Each row that holds, as it would be stored; rows with problems are left out")
            List<PreviewRow> rows,

            @Schema(
                    description =
                            "Every problem, named as the import would name it; empty when the import would succeed")
            List<FieldViolation> violations) {

        static ImportPreview from(FigureService.Preview preview) {
            return new ImportPreview(
                    preview.rowCount(),
                    preview.rows().stream()
                            .map(row -> new PreviewRow(row.number(), FigureResponse.from(row.figure())))
                            .toList(),
                    preview.violations());
        }
    }

    @Schema(name = "FigurePreviewRow", description = "A row of an import as it would be stored")
    public record PreviewRow(
            @Schema(description = "The row's number, as problems name it (CSV: from 1 below the header; JSON: from 0)")
            int row,

            @Schema(description = "The figure it would create; the id is made for the preview and not kept")
            FigureResponse figure) {}

    @Schema(name = "FigureSummary", description = "Totals grouped for a chart, with the figures behind each")
    public record SummaryResponse(
            @Schema(example = "fund") FigureKind kind,
            @Schema(example = "year") String groupBy,

            @Schema(description = "The region totalled, with its sub-regions", example = "330000")
            String region,

            @Schema(nullable = true, example = "2018-01-01") LocalDate periodFrom,
            @Schema(nullable = true, example = "2019-12-31") LocalDate periodTo,

            @Schema(nullable = true, description = "Figures as known at this moment; null for now")
            Instant asOf,

            List<SummaryItem> items) {}

    @Schema(name = "SummaryItem", description = "One group's total")
    public record SummaryItem(
            @Schema(
                    description =
                            "The group: 2019, 2019-Q4, 2019-12, a region code, a publisher slug, a category, a flow or a purpose code",
                    example = "2019")
            String key,

            @Schema(description = "The group as shown", example = "2019")
            String label,

            Money total,

            @Schema(
                    description = "Over when any part is a lower bound (5亿多元), about when parts disagree",
                    example = "over")
            Qualifier qualifier,

            @Schema(description = "True when only a year-to-date or part of the period was reported")
            boolean partial,

            @Schema(
                    description = "own: the region's own figures; children: summed from sub-regions"
                            + " that have no figure above them; mixed: both, in different years",
                    enumeration = {"own", "children", "mixed"},
                    example = "own")
            String basis,

            @Schema(description = "Every figure counted in the total")
            List<UUID> figureIds,

            @Schema(nullable = true, description = "Change against the same period a year before, where both exist")
            YearOnYear yearOnYear) {}

    @Schema(name = "YearOnYear", description = "Change against the same period one year before")
    public record YearOnYear(
            @Schema(example = "2018") String previousKey,
            Money previous,

            @Schema(description = "Signed change in yuan", example = "-1250000.00")
            String change,

            @Schema(
                    nullable = true,
                    description = "Signed change in percent, two decimals; null when the previous total is zero",
                    example = "-3.25")
            String changePercent,

            @Schema(description = "exact only when both totals are exact and complete", example = "exact")
            Qualifier qualifier) {}
}
