package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.Problem.FieldViolation;
import cn.fucai.cms.common.json.TextValues;
import cn.fucai.cms.figure.FigureDtos.AmountInput;
import cn.fucai.cms.figure.FigureDtos.FigureRequest;
import cn.fucai.cms.figure.FigureDtos.FundInput;
import cn.fucai.cms.figure.FigureDtos.IndicatorInput;
import cn.fucai.cms.figure.FigureDtos.PeriodInput;
import cn.fucai.cms.figure.FigureDtos.PurposeInput;
import cn.fucai.cms.figure.FigureDtos.SourceInput;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Figures as CSV: UTF-8 with a byte-order mark so that spreadsheet programs show Chinese, one header row, one figure
 * per row. What export writes, import reads back; the columns id, revision, retracted and updatedAt are ignored on
 * import, and printedValue with printedUnit (or else amountYuan) give the amount.
 */
final class FigureCsv {

    static final String MEDIA_TYPE = "text/csv";
    private static final char BOM = '\uFEFF';
    private static final CsvMapper MAPPER = new CsvMapper();

    private static final List<String> COMMON = List.of("id", "revision", "retracted", "updatedAt", "publisher", "regionCode",
            "periodStart", "periodEnd", "granularity", "periodLabel", "lotteryType", "gameCategory", "amountYuan", "currency",
            "printedValue", "printedUnit", "qualifier", "sourceArticleId", "sourceUrl", "sourceQuote");
    private static final List<String> FUND = List.of("flow", "includesUnclaimedPrizes", "governmentLevel", "purposeCode",
            "purposeLabel", "projectCount", "beneficiaryCount", "amountPerBeneficiaryYuan");
    private static final List<String> INDICATOR = List.of("metric", "value", "unit");
    private static final Set<String> IGNORED_ON_IMPORT = Set.of("id", "revision", "retracted", "updatedAt", "amountYuan", "currency");

    private FigureCsv() {
    }

    static List<String> columns(FigureKind kind) {
        List<String> columns = new ArrayList<>(COMMON);
        if (kind == FigureKind.fund) {
            columns.addAll(FUND);
        } else if (kind == FigureKind.indicator) {
            columns.addAll(INDICATOR);
        }
        return columns;
    }

    /** A writer of rows to {@code out}; the header and the byte-order mark are written at once. */
    static RowWriter writer(FigureKind kind, OutputStream out) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        text.write(BOM);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns(kind).forEach(schema::addColumn);
        return new RowWriter(kind, MAPPER.writer(schema.build()).writeValues(text));
    }

    /** Writes figures one row at a time. */
    static final class RowWriter implements AutoCloseable {
        private final FigureKind kind;
        private final SequenceWriter rows;

        private RowWriter(FigureKind kind, SequenceWriter rows) {
            this.kind = kind;
            this.rows = rows;
        }

        void write(FigureRow row) throws IOException {
            FigureValues v = row.values();
            List<Object> cells = new ArrayList<Object>(Arrays.<Object>asList(row.id(), row.revision(), row.retracted(), row.recordedAt(),
                    row.publisher().slug(), v.regionCode(), v.period().start(), v.period().end(), v.period().granularity(),
                    v.period().label(), v.lotteryType(), v.gameCategory(), money(v.amount()), v.amount() == null ? null : MoneyUnit.CURRENCY,
                    plain(v.printedValue()), v.printedUnit(), v.qualifier(), v.sourceArticleId(), v.sourceUrl(), v.sourceQuote()));
            if (kind == FigureKind.fund) {
                FigureValues.Fund f = v.fund();
                cells.addAll(Arrays.<Object>asList(f.flow(), f.includesUnclaimedPrizes(), f.governmentLevel(), f.purposeCode(),
                        f.purposeLabel(), f.projectCount(), f.beneficiaryCount(), money(f.amountPerBeneficiary())));
            } else if (kind == FigureKind.indicator) {
                cells.addAll(Arrays.<Object>asList(v.indicator().metric(), plain(v.indicator().value()), v.indicator().unit()));
            }
            rows.write(cells.stream().map(c -> c == null ? "" : c.toString()).toList());
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

    /**
     * A CSV file read into figure requests: a null request for each row that could not be read, whose problems are in
     * {@code violations}, named by row (the first data row is row 1) and column.
     */
    record Parsed(List<FigureRequest> requests, List<FieldViolation> violations) {
    }

    /** Reads a CSV file; only a file that is not CSV at all, or has no data rows, is refused at once. */
    static Parsed read(FigureKind kind, String csv) {
        String text = csv.startsWith(String.valueOf(BOM)) ? csv.substring(1) : csv;
        List<FieldViolation> violations = new ArrayList<>();
        List<FigureRequest> requests = new ArrayList<>();
        try (MappingIterator<List<String>> rows = MAPPER.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            List<String> header = rows.hasNextValue() ? rows.nextValue().stream().map(String::strip).toList() : List.of();
            Set<String> known = new LinkedHashSet<>(columns(kind));
            for (String column : header) {
                if (!known.contains(column)) {
                    violations.add(new FieldViolation("header", "unknown column '" + column + "'; columns are " + known));
                }
            }
            int index = 0;
            while (rows.hasNextValue()) {
                List<String> values = rows.nextValue();
                index++;
                if (values.size() == 1 && values.get(0).isBlank()) {
                    continue;
                }
                if (values.size() != header.size()) {
                    violations.add(new FieldViolation("row " + index, "has " + values.size() + " cells; the header has " + header.size()));
                    requests.add(null);
                    continue;
                }
                Map<String, String> cells = new java.util.HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), values.get(i));
                }
                int before = violations.size();
                FigureRequest request = new Row(kind, index, cells, violations).request();
                requests.add(violations.size() == before ? request : null);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("body", "is not readable CSV: " + e.getMessage());
        }
        if (requests.isEmpty() && violations.isEmpty()) {
            throw new InvalidInputException("body", "has no data rows");
        }
        return new Parsed(requests, violations);
    }

    /** One CSV row being read; each failed cell adds a violation naming the row and column. */
    private static final class Row {
        private final FigureKind kind;
        private final int index;
        private final Map<String, String> cells;
        private final List<FieldViolation> violations;

        Row(FigureKind kind, int index, Map<String, String> cells, List<FieldViolation> violations) {
            this.kind = kind;
            this.index = index;
            this.cells = cells;
            this.violations = violations;
        }

        FigureRequest request() {
            String printedValue = text("printedValue");
            AmountInput amount = printedValue != null
                    ? new AmountInput(number("printedValue"), required("printedUnit"), text("currency"))
                    : text("amountYuan") != null ? new AmountInput(number("amountYuan"), "元", text("currency")) : null;
            FundInput fund = null;
            if (kind == FigureKind.fund) {
                String purposeCode = text("purposeCode");
                String perBeneficiary = text("amountPerBeneficiaryYuan");
                fund = new FundInput(enumValue("flow", FundFlow.class), bool("includesUnclaimedPrizes"),
                        enumValue("governmentLevel", GovernmentLevel.class),
                        purposeCode == null ? null : new PurposeInput(purposeCode, required("purposeLabel")),
                        integer("projectCount"), integer("beneficiaryCount"),
                        perBeneficiary == null ? null : new AmountInput(number("amountPerBeneficiaryYuan"), "元", null));
            }
            IndicatorInput indicator = kind == FigureKind.indicator
                    ? new IndicatorInput(required("metric"), number("value"), required("unit")) : null;
            String articleId = text("sourceArticleId");
            return new FigureRequest(required("publisher"), required("regionCode"),
                    new PeriodInput(date("periodStart"), date("periodEnd"), enumValue("granularity", Granularity.class), text("periodLabel")),
                    enumValue("lotteryType", LotteryType.class), text("gameCategory"), amount, enumValue("qualifier", Qualifier.class),
                    new SourceInput(articleId == null ? null : parse("sourceArticleId", UUID::fromString, "a UUID"), text("sourceUrl"), text("sourceQuote")),
                    fund, indicator);
        }

        private String text(String column) {
            String value = cells.get(column);
            if (value == null || value.isBlank()) {
                return null;
            }
            String problem = TextValues.problem(value);
            if (problem != null) {
                fail(column, problem);
                return null;
            }
            return value.strip();
        }

        private String required(String column) {
            String value = text(column);
            if (value == null && !IGNORED_ON_IMPORT.contains(column)) {
                fail(column, "is required");
            }
            return value;
        }

        private BigDecimal number(String column) {
            return parse(column, BigDecimal::new, "a decimal number such as 743.9");
        }

        private Integer integer(String column) {
            return text(column) == null ? null : parse(column, Integer::valueOf, "a whole number");
        }

        private Boolean bool(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            if (!value.equals("true") && !value.equals("false")) {
                fail(column, "must be true or false; was '" + value + "'");
                return null;
            }
            return Boolean.valueOf(value);
        }

        private LocalDate date(String column) {
            return parse(column, LocalDate::parse, "a date such as 2019-12-31");
        }

        private <E extends Enum<E>> E enumValue(String column, Class<E> type) {
            String value = text(column);
            if (value == null) {
                if (column.equals("flow") || column.equals("granularity") || column.equals("lotteryType") || column.equals("qualifier")) {
                    fail(column, "is required");
                }
                return null;
            }
            return parse(column, v -> Enum.valueOf(type, v), "one of " + Arrays.toString(type.getEnumConstants()));
        }

        private <T> T parse(String column, Function<String, T> parser, String expected) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                fail(column, "must be " + expected + "; was '" + value + "'");
                return null;
            }
        }

        private void fail(String column, String message) {
            violations.add(new FieldViolation("row " + index + "." + column, message));
        }
    }

    private static String money(BigDecimal yuan) {
        return yuan == null ? null : yuan.setScale(MoneyUnit.YUAN_SCALE).toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
