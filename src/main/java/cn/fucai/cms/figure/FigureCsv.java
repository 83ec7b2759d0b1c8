package cn.fucai.cms.figure;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.Problem.FieldViolation;
import cn.fucai.cms.common.json.DecimalText;
import cn.fucai.cms.common.json.TextValues;
import cn.fucai.cms.figure.FigureDtos.AmountInput;
import cn.fucai.cms.figure.FigureDtos.FigureRequest;
import cn.fucai.cms.figure.FigureDtos.FundInput;
import cn.fucai.cms.figure.FigureDtos.IndicatorInput;
import cn.fucai.cms.figure.FigureDtos.PeriodInput;
import cn.fucai.cms.figure.FigureDtos.PurposeInput;
import cn.fucai.cms.figure.FigureDtos.SourceInput;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Figures as CSV: UTF-8 with a byte-order mark so that spreadsheet programs show Chinese, one header row, one figure
 * per row. What export writes, import reads back; the columns id, revision, retracted and updatedAt are ignored on
 * import, and printedValue with printedUnit (or else amountYuan) give the amount. A text cell that a spreadsheet would
 * take for a formula (it starts with =, +, -, @, tab or carriage return, or their full-width forms) is written with a
 * leading apostrophe, so that it shows as text (OWASP CSV injection); numeric columns stay numbers. Import takes such
 * a cell back without the apostrophe.
 */
final class FigureCsv {

    static final String MEDIA_TYPE = "text/csv";
    /** The most figures one import may hold, in either format. */
    static final int MAX_ROWS = 10_000;

    private static final char BOM = '\uFEFF';
    private static final CsvMapper MAPPER = new CsvMapper();

    private static final List<String> COMMON = List.of(
            "id",
            "revision",
            "retracted",
            "updatedAt",
            "publisher",
            "regionCode",
            "periodStart",
            "periodEnd",
            "granularity",
            "periodLabel",
            "lotteryType",
            "gameCategory",
            "amountYuan",
            "currency",
            "printedValue",
            "printedUnit",
            "qualifier",
            "sourceArticleId",
            "sourceUrl",
            "sourceQuote",
            "sourceDocumentId",
            "sourcePage");
    private static final List<String> FUND = List.of(
            "flow",
            "includesUnclaimedPrizes",
            "governmentLevel",
            "purposeCode",
            "purposeLabel",
            "projectCount",
            "beneficiaryCount",
            "amountPerBeneficiaryYuan");
    private static final List<String> INDICATOR = List.of("metric", "value", "unit");
    /** The CSV column of each field of a figure request, for problems found after a row was read. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.ofEntries(
            Map.entry("publisher", "publisher"),
            Map.entry("regionCode", "regionCode"),
            Map.entry("period", "periodStart"),
            Map.entry("period.start", "periodStart"),
            Map.entry("period.end", "periodEnd"),
            Map.entry("period.granularity", "granularity"),
            Map.entry("period.label", "periodLabel"),
            Map.entry("lotteryType", "lotteryType"),
            Map.entry("gameCategory", "gameCategory"),
            Map.entry("amount", "printedValue"),
            Map.entry("amount.value", "printedValue"),
            Map.entry("amount.unit", "printedUnit"),
            Map.entry("amount.currency", "currency"),
            Map.entry("qualifier", "qualifier"),
            Map.entry("source", "sourceUrl"),
            Map.entry("source.articleId", "sourceArticleId"),
            Map.entry("source.url", "sourceUrl"),
            Map.entry("source.quote", "sourceQuote"),
            Map.entry("source.documentId", "sourceDocumentId"),
            Map.entry("source.page", "sourcePage"),
            Map.entry("fund", "flow"),
            Map.entry("fund.flow", "flow"),
            Map.entry("fund.includesUnclaimedPrizes", "includesUnclaimedPrizes"),
            Map.entry("fund.governmentLevel", "governmentLevel"),
            Map.entry("fund.purpose.code", "purposeCode"),
            Map.entry("fund.purpose.label", "purposeLabel"),
            Map.entry("fund.projectCount", "projectCount"),
            Map.entry("fund.beneficiaryCount", "beneficiaryCount"),
            Map.entry("fund.amountPerBeneficiary", "amountPerBeneficiaryYuan"),
            Map.entry("fund.amountPerBeneficiary.value", "amountPerBeneficiaryYuan"),
            Map.entry("indicator", "metric"),
            Map.entry("indicator.metric", "metric"),
            Map.entry("indicator.value", "value"),
            Map.entry("indicator.unit", "unit"),
            Map.entry("", ""));
    /** Columns the service writes as plain decimal numbers itself: never a formula, and they must stay numbers. */
    private static final Set<String> NUMERIC = Set.of(
            "revision",
            "amountYuan",
            "printedValue",
            "projectCount",
            "beneficiaryCount",
            "amountPerBeneficiaryYuan",
            "value");
    /** The first characters that make a spreadsheet read a cell as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r＝＋－＠";

    private static final Set<String> IGNORED_ON_IMPORT =
            Set.of("id", "revision", "retracted", "updatedAt", "amountYuan", "currency");

    private FigureCsv() {}

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

    /**
     * An export written whole to a file first, from the database's cursor, and given back as a stream over that file:
     * the transaction ends before the first byte goes out, so a slow client holds a file, never a connection or a
     * thread. The file is unlinked at once; the stream keeps its bytes until it is closed, so nothing stays on disk
     * however the answer ends.
     */
    static InputStream spool(FigureKind kind, FigureService.Export export) throws IOException {
        Path file = Files.createTempFile("cms-export-", ".csv");
        try {
            try (RowWriter writer = writer(kind, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                export.forEach(row -> {
                    try {
                        writer.write(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return Files.newInputStream(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes figures one row at a time. */
    static final class RowWriter implements AutoCloseable {
        private final FigureKind kind;
        private final SequenceWriter rows;
        private final List<String> columns;

        private RowWriter(FigureKind kind, SequenceWriter rows) {
            this.kind = kind;
            this.rows = rows;
            this.columns = columns(kind);
        }

        void write(FigureRow row) throws IOException {
            FigureValues v = row.values();
            List<Object> cells = new ArrayList<Object>(Arrays.<Object>asList(
                    row.id(),
                    row.revision(),
                    row.retracted(),
                    row.recordedAt(),
                    row.publisher().slug(),
                    v.regionCode(),
                    v.period().start(),
                    v.period().end(),
                    v.period().granularity(),
                    v.period().label(),
                    v.lotteryType(),
                    v.gameCategory(),
                    money(v.amount()),
                    v.amount() == null ? null : MoneyUnit.CURRENCY,
                    plain(v.printedValue()),
                    v.printedUnit(),
                    v.qualifier(),
                    v.sourceArticleId(),
                    v.sourceUrl(),
                    v.sourceQuote(),
                    v.sourceDocument() == null ? null : v.sourceDocument().id(),
                    v.sourcePage()));
            if (kind == FigureKind.fund) {
                FigureValues.Fund f = v.fund();
                cells.addAll(Arrays.<Object>asList(
                        f.flow(),
                        f.includesUnclaimedPrizes(),
                        f.governmentLevel(),
                        f.purposeCode(),
                        f.purposeLabel(),
                        f.projectCount(),
                        f.beneficiaryCount(),
                        money(f.amountPerBeneficiary())));
            } else if (kind == FigureKind.indicator) {
                cells.addAll(Arrays.<Object>asList(
                        v.indicator().metric(),
                        plain(v.indicator().value()),
                        v.indicator().unit()));
            }
            List<String> written = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                String cell = cells.get(i) == null ? "" : cells.get(i).toString();
                written.add(NUMERIC.contains(columns.get(i)) ? cell : asText(cell));
            }
            rows.write(written);
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
    /**
     * A file read: one request for each data row (null where the row is unreadable), the row number of each, as
     * problems name it (blank lines count), and the problems found while reading.
     */
    record Parsed(List<FigureRequest> requests, List<Integer> rowNumbers, List<FieldViolation> violations) {

        /** How the rules name a request's field: by the row number and the column of the file. */
        FigureService.RowNaming naming() {
            return (index, field) -> fieldName(rowNumbers.get(index) - 1, field);
        }
    }

    /**
     * The CSV column of a figure request's field ("amount.unit" is printedUnit), named with its row (the first data row
     * is row 1) as a problem names it; a field with no column of its own keeps its name.
     */
    static String fieldName(int index, String field) {
        String column = COLUMN_OF_FIELD.getOrDefault(field, field);
        return "row " + (index + 1) + (column.isEmpty() ? "" : ", " + column);
    }

    /**
     * Reads a CSV file and checks each row's request with the same Bean Validation constraints as a JSON import; only a
     * file that is not CSV at all, has no data rows or more than {@link #MAX_ROWS}, is refused at once.
     */
    static Parsed read(FigureKind kind, String csv, Validator validator) {
        String text = csv.startsWith(String.valueOf(BOM)) ? csv.substring(1) : csv;
        List<FieldViolation> violations = new ArrayList<>();
        List<FigureRequest> requests = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        try (MappingIterator<List<String>> rows = MAPPER.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(text)) {
            List<String> header = rows.hasNextValue()
                    ? rows.nextValue().stream().map(String::strip).toList()
                    : List.of();
            Set<String> known = new LinkedHashSet<>(columns(kind));
            for (String column : header) {
                if (!known.contains(column)) {
                    violations.add(new FieldViolation(
                            "header",
                            "unknown column " + InvalidInputException.quoted(column) + "; columns are " + known));
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
                    violations.add(new FieldViolation(
                            "row " + index, "has " + values.size() + " cells; the header has " + header.size()));
                    requests.add(null);
                    rowNumbers.add(index);
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), values.get(i));
                }
                if (index > MAX_ROWS) {
                    throw new InvalidInputException(
                            "body", "has more than " + MAX_ROWS + " data rows; import them in several files");
                }
                int before = violations.size();
                FigureRequest request = new Row(kind, index, cells, violations).request();
                if (violations.size() == before) {
                    for (ConstraintViolation<FigureRequest> violation : validator.validate(request)) {
                        violations.add(new FieldViolation(
                                fieldName(index - 1, violation.getPropertyPath().toString()), violation.getMessage()));
                    }
                }
                requests.add(violations.size() == before ? request : null);
                rowNumbers.add(index);
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("body", "is not readable CSV: " + unreadable(text, e));
        }
        if (requests.isEmpty() && violations.isEmpty()) {
            throw new InvalidInputException("body", "has no data rows");
        }
        return new Parsed(requests, rowNumbers, violations);
    }

    /**
     * What the CSV parser found wrong and on which line, without Jackson's source and reference chain; a quote left open
     * is named by the line that opens it (the parser finds it at the end of the file).
     */
    private static String unreadable(String text, Throwable e) {
        int opened = unclosedQuote(text);
        if (opened > 0) {
            return "line " + opened + " opens a quoted value that is never closed";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException parsing
                    && parsing.getOriginalMessage() != null
                    && !parsing.getOriginalMessage().isBlank()) {
                String what = parsing.getOriginalMessage().strip();
                what = Character.toLowerCase(what.charAt(0)) + what.substring(1);
                JsonLocation at = parsing.getLocation();
                return at == null || at.getLineNr() < 1 ? what : "line " + at.getLineNr() + ": " + what;
            }
        }
        return "it does not parse as comma-separated values";
    }

    /** The line whose quote is still open at the end of the text (a doubled quote within one is a quote), or 0. */
    private static int unclosedQuote(String text) {
        boolean quoted = false;
        int line = 1;
        int opened = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                opened = quoted ? line : opened;
            } else if (c == '\n') {
                line++;
            }
        }
        return quoted ? opened : 0;
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
                fund = new FundInput(
                        enumValue("flow", FundFlow.class),
                        bool("includesUnclaimedPrizes"),
                        enumValue("governmentLevel", GovernmentLevel.class),
                        purposeCode == null ? null : new PurposeInput(purposeCode, required("purposeLabel")),
                        integer("projectCount"),
                        integer("beneficiaryCount"),
                        perBeneficiary == null ? null : new AmountInput(number("amountPerBeneficiaryYuan"), "元", null));
            }
            IndicatorInput indicator = kind == FigureKind.indicator
                    ? new IndicatorInput(required("metric"), number("value"), required("unit"))
                    : null;
            String articleId = text("sourceArticleId");
            String documentId = text("sourceDocumentId");
            return new FigureRequest(
                    required("publisher"),
                    required("regionCode"),
                    new PeriodInput(
                            date("periodStart"),
                            date("periodEnd"),
                            enumValue("granularity", Granularity.class),
                            text("periodLabel")),
                    enumValue("lotteryType", LotteryType.class),
                    text("gameCategory"),
                    amount,
                    enumValue("qualifier", Qualifier.class),
                    new SourceInput(
                            articleId == null ? null : parse("sourceArticleId", UUID::fromString, "a UUID"),
                            text("sourceUrl"),
                            text("sourceQuote"),
                            documentId == null ? null : parse("sourceDocumentId", UUID::fromString, "a UUID"),
                            integer("sourcePage")),
                    fund,
                    indicator,
                    null);
        }

        private String text(String column) {
            String value = cells.get(column) == null ? null : fromText(cells.get(column));
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
            String value = required(column);
            BigDecimal number = DecimalText.parse(value);
            if (value != null && number == null) {
                fail(column, DecimalText.problem(value));
            }
            return number;
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
                fail(column, "must be true or false; was " + InvalidInputException.quoted(value));
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
                if (column.equals("flow")
                        || column.equals("granularity")
                        || column.equals("lotteryType")
                        || column.equals("qualifier")) {
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
                fail(column, "must be " + expected + "; was " + InvalidInputException.quoted(value));
                return null;
            }
        }

        private void fail(String column, String message) {
            violations.add(new FieldViolation("row " + index + ", " + column, message));
        }
    }

    /** A text cell as a spreadsheet must show it: with a leading apostrophe when it would otherwise be a formula. */
    static String asText(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** What {@link #asText} wrote, as it was. */
    static String fromText(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1)
                : cell;
    }

    private static String money(BigDecimal yuan) {
        return yuan == null ? null : yuan.setScale(MoneyUnit.YUAN_SCALE).toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
