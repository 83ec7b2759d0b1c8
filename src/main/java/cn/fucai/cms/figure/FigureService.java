package cn.fucai.cms.figure;

import cn.fucai.cms.article.ArticleStates;
import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.change.PublicEvent;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.Problem.FieldViolation;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.error.StaleVersionException;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.schedule.ScheduleConfig;
import cn.fucai.cms.common.schedule.ScheduledWork;
import cn.fucai.cms.figure.FigureDtos.FigureRequest;
import cn.fucai.cms.media.MediaService;
import cn.fucai.cms.publisher.Publisher;
import cn.fucai.cms.publisher.PublisherRef;
import cn.fucai.cms.region.Region;
import cn.fucai.cms.region.Regions;
import cn.fucai.cms.security.AccessPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.id.uuid.UuidVersion7Strategy;
import org.jboss.logging.Logger;

/**
 * Rules for disclosure figures: values are checked and converted exactly, every change is a new revision with a
 * reason, and nothing is overwritten; a retracted figure stays in history and leaves the totals.
 */
@ApplicationScoped
public class FigureService {

    private static final Logger LOG = Logger.getLogger(FigureService.class);

    @Inject
    FigureStore store;

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    Validator validator;

    @Inject
    Regions regions;

    @Inject
    SummaryYears summaryYears;

    @Inject
    ArticleStates articles;

    @Inject
    MediaService media;

    @Transactional
    public FigureRow create(FigureKind kind, FigureRequest request) {
        return createAll(kind, List.of(request), (i, field) -> field, List.of()).get(0);
    }

    /**
     * Imports a CSV file as {@link #createAll} does a JSON batch: the same Bean Validation and rules, the same row cap,
     * all or nothing; a problem names the row and the column as the file names it ("row 3, printedUnit").
     */
    @Transactional
    public List<FigureRow> importCsv(FigureKind kind, String csv) {
        FigureCsv.Parsed parsed = FigureCsv.read(kind, csv, validator);
        return createAll(kind, parsed.requests(), parsed.naming(), parsed.violations());
    }

    /**
     * What {@link #importCsv} would create from this file, row by row, and every problem it would answer with; writes
     * nothing. The caller must be allowed to write for each publisher the valid rows name, as for the import.
     */
    public Preview previewCsv(FigureKind kind, String csv) {
        FigureCsv.Parsed parsed = FigureCsv.read(kind, csv, validator);
        return preview(kind, parsed.requests(), parsed.rowNumbers(), parsed.naming(), parsed.violations());
    }

    /**
     * What a JSON import would create, row by row ("[3].amount.unit" as it names fields), with every problem, Bean
     * Validation's included; writes nothing.
     */
    public Preview previewJson(FigureKind kind, List<FigureRequest> batch) {
        List<FieldViolation> unreadable = new ArrayList<>();
        List<FigureRequest> requests = new ArrayList<>(batch.size());
        List<Integer> rowNumbers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            FigureRequest request = batch.get(i);
            int before = unreadable.size();
            if (request == null) {
                unreadable.add(new FieldViolation(JSON_ROWS.field(i, ""), "must not be null"));
            } else {
                for (var violation : validator.validate(request)) {
                    unreadable.add(new FieldViolation(
                            JSON_ROWS.field(i, violation.getPropertyPath().toString()), violation.getMessage()));
                }
            }
            requests.add(unreadable.size() == before ? request : null);
            rowNumbers.add(i);
        }
        return preview(kind, requests, rowNumbers, JSON_ROWS, unreadable);
    }

    /** How a JSON batch names a row's field: "[3].amount.unit". */
    public static final RowNaming JSON_ROWS = (i, field) -> "[" + i + "]" + (field.isEmpty() ? "" : "." + field);

    /** What {@link #createAll} would create from this batch and every problem it would answer with; writes nothing. */
    private Preview preview(
            FigureKind kind,
            List<FigureRequest> requests,
            List<Integer> rowNumbers,
            RowNaming naming,
            List<FieldViolation> unreadable) {
        Batch batch = check(kind, requests, naming, unreadable);
        requireWrite(batch);
        List<Preview.Row> rows = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (batch.rows().get(i) != null) {
                rows.add(new Preview.Row(rowNumbers.get(i), batch.rows().get(i)));
            }
        }
        return new Preview(requests.size(), rows, batch.violations());
    }

    /** What a batch would create: the rows that hold, by their number in the batch, and every problem found. */
    public record Preview(int rowCount, List<Row> rows, List<FieldViolation> violations) {
        /** A row that would be created as it stands; {@code number} is the one problems name. */
        public record Row(int number, FigureRow figure) {}
    }

    /**
     * Creates every figure of a batch in one transaction, or none: the error names each bad row and field.
     * {@code unreadable} holds problems found while reading the batch; their rows are null in {@code requests}.
     */
    @Transactional
    public List<FigureRow> createAll(
            FigureKind kind, List<FigureRequest> requests, RowNaming naming, List<FieldViolation> unreadable) {
        Batch batch = check(kind, requests, naming, unreadable);
        if (!batch.violations().isEmpty()) {
            throw new InvalidInputException(batch.violations());
        }
        requireWrite(batch);
        List<FigureRow> rows = batch.rows();
        Instant now = batch.now();
        store.insertAll(rows, batch.regionScopes());
        List<MediaService.UseChanges> uses = rows.stream()
                .filter(row -> row.values().sourceDocument() != null)
                .map(this::recordDocumentUses)
                .toList();
        ContentChanged change = new ContentChanged(
                kind.contentKind(),
                ChangeAction.CREATE,
                rows.stream()
                        .map(row -> new ContentChanged.Written(
                                row.id(), row.values().publisherId(), null, null, row.values()))
                        .toList(),
                now,
                List.of());
        change = announcedPublished(
                change, rows.stream().filter(row -> row.release().released()).toList());
        for (MediaService.UseChanges madePublic : uses) {
            change = madePublic.announcedOn(change);
        }
        changes.fire(change);
        return rows;
    }

    /**
     * Tells readers that these figures are public now: one is one figure.published; several are one figure.imported
     * per publisher, naming its figures.
     */
    private static ContentChanged announcedPublished(ContentChanged change, List<FigureRow> rows) {
        Map<UUID, List<FigureRow>> byPublisher = new LinkedHashMap<>();
        rows.forEach(row -> byPublisher
                .computeIfAbsent(row.values().publisherId(), id -> new ArrayList<>())
                .add(row));
        for (Map.Entry<UUID, List<FigureRow>> publisher : byPublisher.entrySet()) {
            change = rows.size() == 1
                    ? change.announcing(
                            PublicEvent.FIGURE_PUBLISHED,
                            publisher.getKey(),
                            FigureDtos.FigureResponse.from(rows.get(0)))
                    : change.announcing(
                            PublicEvent.FIGURE_IMPORTED,
                            publisher.getKey(),
                            new FigureDtos.ImportedFigures(
                                    rows.get(0).kind().name(),
                                    publisher.getKey(),
                                    publisher.getValue().size(),
                                    publisher.getValue().stream()
                                            .map(FigureRow::id)
                                            .toList()));
        }
        return change;
    }

    /** Embargoed figures as the scheduler carries them out: public at embargoedUntil. */
    @Produces
    @Singleton
    ScheduledWork embargoes(ScheduleConfig config) {
        return new ScheduledWork(
                "figure",
                store::claimEmbargoDue,
                store::nextEmbargoEnd,
                (id, now) -> releaseDue(id, now, config.lateAfter()));
    }

    /**
     * What the audit log keeps of a release: the values that went public, when, what held them, and whether the
     * scheduler released them more than the grace after their embargo ended (every instance was down).
     */
    record Released(
            FigureValues values, Instant releasedAt, Instant embargoedUntil, UUID releasedWithArticle, boolean late) {}

    /**
     * Releases a figure whose embargo has ended, claimed by the scheduler ({@link #embargoes}), at {@code now},
     * marked late when that is more than {@code grace} after the embargo; returns when it was due.
     */
    Instant releaseDue(UUID id, Instant now, Duration grace) {
        FigureRow figure = store.current(List.of(id)).get(0);
        Instant due = figure.release().embargoedUntil();
        boolean late = Duration.between(due, now).compareTo(grace) > 0;
        if (late) {
            LOG.warnf(
                    "%s figure %s released late: its embargo ended at %s, released at %s", figure.kind(), id, due, now);
        }
        release(List.of(figure), now, late);
        return due;
    }

    /**
     * A release bundle: the figures held until an article is published go public in the transaction that publishes
     * it, whether by hand or by the scheduler, so that no reader sees the one without the other.
     */
    void releaseWithArticle(@Observes ContentChanged change) {
        if (change.kind() != ContentKind.ARTICLE
                || change.notices().stream().noneMatch(notice -> notice.type() == PublicEvent.ARTICLE_PUBLISHED)) {
            return;
        }
        for (ContentChanged.Written article : change.written()) {
            List<UUID> held = store.claimHeldFor((UUID) article.id());
            if (!held.isEmpty()) {
                release(store.current(held), change.at(), false);
            }
        }
    }

    /** Makes held figures public at {@code now}, each kind one change with what a publication leaves behind. */
    private void release(List<FigureRow> figures, Instant now, boolean late) {
        store.release(figures.stream().map(FigureRow::id).toList(), now);
        Map<FigureKind, List<FigureRow>> byKind = new LinkedHashMap<>();
        for (FigureRow figure : figures) {
            FigureRow released = new FigureRow(
                    figure.id(),
                    figure.kind(),
                    figure.publisher(),
                    figure.createdAt(),
                    figure.revision(),
                    figure.action(),
                    figure.reason(),
                    figure.recordedAt(),
                    figure.retracted(),
                    figure.values(),
                    figure.release().releasedAt(now));
            byKind.computeIfAbsent(figure.kind(), kind -> new ArrayList<>()).add(released);
        }
        for (Map.Entry<FigureKind, List<FigureRow>> kind : byKind.entrySet()) {
            ContentChanged change = announcedPublished(
                    new ContentChanged(
                            kind.getKey().contentKind(),
                            ChangeAction.RELEASE,
                            kind.getValue().stream()
                                    .map(row -> new ContentChanged.Written(
                                            row.id(),
                                            row.values().publisherId(),
                                            null,
                                            null,
                                            new Released(
                                                    row.values(),
                                                    now,
                                                    row.release().embargoedUntil(),
                                                    row.release().releasedWith(),
                                                    late)))
                                    .toList(),
                            now,
                            List.of()),
                    kind.getValue());
            for (FigureRow row : kind.getValue()) {
                if (row.values().sourceDocument() != null) {
                    change = recordDocumentUses(row).announcedOn(change);
                }
            }
            changes.fire(change);
        }
    }

    /**
     * Tells the media library which PDFs the figure's revisions cite: public once the figure is, since figures and
     * their history are, and not deletable while cited.
     */
    private MediaService.UseChanges recordDocumentUses(FigureRow figure) {
        Map<String, String> cited = new LinkedHashMap<>();
        store.documentsCitedBy(figure.id()).forEach(sha256 -> cited.put(sha256, "source.documentId"));
        return media.recordUses(
                figure.kind().contentKind(),
                figure.id(),
                figure.values().publisherId(),
                cited,
                figure.release().released());
    }

    /**
     * A batch checked without writing: each request's row as it would be stored (null where the request is unreadable
     * or breaks a rule), its region scope, and every problem, named as the batch names its rows.
     */
    private record Batch(
            Instant now, List<FigureRow> rows, List<Set<String>> regionScopes, List<FieldViolation> violations) {}

    private Batch check(
            FigureKind kind, List<FigureRequest> requests, RowNaming naming, List<FieldViolation> unreadable) {
        Instant now = changes.now();
        FigureInputs inputs = new FigureInputs(store, regions, articles, media, now);
        List<FieldViolation> violations = new ArrayList<>(unreadable);
        List<FigureRow> rows = new ArrayList<>(requests.size());
        List<Set<String>> regionScopes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            List<FieldViolation> rowViolations = new ArrayList<>();
            FigureRequest request = requests.get(i);
            FigureInputs.Checked figure = request == null ? null : inputs.check(kind, request, "", rowViolations);
            for (FieldViolation violation : rowViolations) {
                violations.add(new FieldViolation(naming.field(i, violation.field()), violation.message()));
            }
            rows.add(
                    figure == null
                            ? null
                            : row(kind, inputs.publisher(request.publisher()).orElseThrow(), figure, now));
            regionScopes.add(figure == null ? null : figure.regionScope());
        }
        return new Batch(now, rows, regionScopes, violations);
    }

    /** A new figure's first revision; the same time-ordered UUID v7 generator the entities use. */
    private static FigureRow row(FigureKind kind, Publisher publisher, FigureInputs.Checked figure, Instant now) {
        UUID id = UuidVersion7Strategy.INSTANCE.generateUuid(null);
        return new FigureRow(
                id,
                kind,
                PublisherRef.from(publisher),
                now,
                1,
                "created",
                null,
                now,
                false,
                figure.values(),
                figure.release());
    }

    private void requireWrite(Batch batch) {
        batch.rows().stream()
                .filter(Objects::nonNull)
                .map(row -> row.values().publisherId())
                .distinct()
                .forEach(access::requireWrite);
    }

    /** How a batch names a row's field in errors: "[3].amount.unit" for JSON, "row 4, printedUnit" for CSV. */
    @FunctionalInterface
    public interface RowNaming {
        String field(int index, String field);
    }

    /** The figure now, or as it was known at {@code asOf}; 404 when it did not exist then. */
    public FigureRow get(FigureKind kind, UUID id, Instant asOf) {
        return store.find(kind, id, asOf, access.unpublishedScope())
                .orElseThrow(() -> asOf == null
                        ? new ResourceNotFoundException(kind + " figure", id)
                        : new ResourceNotFoundException(kind + " figure", id + " as of " + asOf));
    }

    /** A new revision with new values and the reason for the correction. */
    @Transactional
    public FigureRow correct(
            FigureKind kind, UUID id, String reason, FigureRequest request, VersionPrecondition precondition) {
        FigureRow current = lockCurrent(kind, id, precondition);
        access.requireWrite(current.values().publisherId());
        Instant now = changes.now();
        List<FieldViolation> violations = new ArrayList<>();
        if (request.embargoedUntil() != null) {
            violations.add(new FieldViolation(
                    "figure.embargoedUntil", "only a new figure can be embargoed; a correction keeps its release"));
        }
        FigureInputs.Checked checked =
                new FigureInputs(store, regions, articles, media, now).check(kind, request, "figure.", violations);
        if (checked == null || !violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (!checked.values().publisherId().equals(current.values().publisherId())) {
            throw new InvalidInputException(
                    "figure.publisher",
                    "a correction cannot move a figure to another publisher; retract it and create a new one");
        }
        if (checked.values().equals(current.values()) && !current.retracted()) {
            throw new InvalidInputException(
                    "figure", "is identical to revision " + current.revision() + "; nothing to correct");
        }
        FigureRow corrected = current.revised("corrected", reason.strip(), now, false, checked.values());
        store.appendRevision(corrected, checked.regionScope());
        // a correction that cites no document cites nothing new: its history keeps the old citations
        MediaService.UseChanges uses = checked.values().sourceDocument() == null ? null : recordDocumentUses(corrected);
        return revised(kind, current, ChangeAction.CORRECT, checked.values(), PublicEvent.FIGURE_CORRECTED, now, uses);
    }

    /** Withdraws a figure: a new revision marked retracted, with the reason; its values stay readable. */
    @Transactional
    public FigureRow retract(FigureKind kind, UUID id, String reason, VersionPrecondition precondition) {
        FigureRow current = lockCurrent(kind, id, precondition);
        access.requireWrite(current.values().publisherId());
        if (current.retracted()) {
            throw new ResourceConflictException(kind + " figure " + id + " is already retracted");
        }
        List<String> scope = regions.lineage(List.of(current.values().regionCode())).scope().stream()
                .toList();
        Instant now = changes.now();
        store.appendRevision(current.revised("retracted", reason.strip(), now, true, current.values()), scope);
        return revised(kind, current, ChangeAction.RETRACT, null, PublicEvent.FIGURE_RETRACTED, now, null);
    }

    /** The figure as its new revision left it, with the change fired: {@code after} is null where it left the public. */
    private FigureRow revised(
            FigureKind kind,
            FigureRow before,
            ChangeAction action,
            FigureValues after,
            PublicEvent event,
            Instant now,
            MediaService.UseChanges uses) {
        FigureRow revised = get(kind, before.id(), null);
        UUID publisherId = before.values().publisherId();
        ContentChanged change =
                ContentChanged.of(kind.contentKind(), action, before.id(), publisherId, before.values(), after, now);
        if (revised.release().released()) { // news of a held figure is kept until it is public
            change = change.announcing(event, publisherId, FigureDtos.FigureResponse.from(revised));
        }
        changes.fire(uses == null ? change : uses.announcedOn(change));
        return revised;
    }

    /**
     * Totals for a chart, without double counting (see {@link FigureSummaries}), from a cursor a year at a time. When a
     * summary's years were kept and nothing of its kind has changed since, one statement says so and the kept years
     * answer, without a transaction; otherwise the years changed are read in a read-only snapshot of their own.
     */
    public FigureDtos.SummaryResponse summary(FigureKind kind, FigureSummaries.GroupBy groupBy, FigureFilter filter) {
        if (kind == FigureKind.fund && filter.flow() == null && groupBy != FigureSummaries.GroupBy.flow) {
            throw new InvalidInputException(
                    "flow",
                    "is required for fund summaries unless groupBy=flow: money raised and money used must not be added together");
        }
        if (kind != FigureKind.fund
                && (groupBy == FigureSummaries.GroupBy.flow || groupBy == FigureSummaries.GroupBy.purpose)) {
            throw new InvalidInputException("groupBy", "flow and purpose apply to fund figures only");
        }
        String region = filter.region() == null ? Region.COUNTRY : filter.region();
        // Load a year more than asked, so that the first year of the range has a year-on-year comparison.
        FigureFilter load = new FigureFilter(
                kind,
                filter.publisherId(),
                region,
                filter.periodFrom() == null ? null : filter.periodFrom().minusYears(1),
                filter.periodTo(),
                filter.lotteryType(),
                filter.gameCategory(),
                null,
                filter.flow(),
                filter.purpose(),
                false,
                filter.asOf(),
                filter.text());
        Set<UUID> unreleasedReadable = access.unpublishedScope();
        boolean keepable = unreleasedReadable != null
                && unreleasedReadable.isEmpty()
                && filter.asOf() == null
                && filter.text() == null;
        SummaryYears.Key key =
                keepable ? new SummaryYears.Key(load, groupBy, region, filter.periodFrom(), filter.periodTo()) : null;
        SummaryYears.Kept kept = keepable ? summaryYears.get(key) : null;
        if (kept != null && store.changesSince(kind, region, kept.snapshot()).none()) {
            // the kept years hold as they are: their totals, with nothing read (a transaction cost more than the check)
            summaryYears.reused(kept);
            RunningSummary summary = new RunningSummary(
                    groupBy, region, filter.periodFrom(), filter.periodTo(), regions::parentsOf, kept.years());
            return summaryOf(kind, groupBy, region, filter, summary.items());
        }
        return QuarkusTransaction.joiningExisting()
                .call(() -> summaryInSnapshot(kind, groupBy, filter, load, region, unreleasedReadable, key));
    }

    /** {@link #summary} reading its changed years, or every year, in one read-only snapshot. */
    private FigureDtos.SummaryResponse summaryInSnapshot(
            FigureKind kind,
            FigureSummaries.GroupBy groupBy,
            FigureFilter filter,
            FigureFilter load,
            String region,
            Set<UUID> unreleasedReadable,
            SummaryYears.Key key) {
        boolean keepable = key != null;
        SummaryYears.Kept kept = keepable ? summaryYears.get(key) : null;
        // one snapshot for the years kept and the figures read
        FigureStore.YearChanges changes = keepable
                ? store.snapshotReadsWithChangesSince(kind, region, kept == null ? null : kept.snapshot())
                : null;
        if (!keepable) {
            store.snapshotReads();
        }
        Map<Integer, RunningSummary.YearCells> unchanged = new HashMap<>();
        // every year read, unless totals were kept: then only the years changed since, as every year that had figures
        // then was kept, and a year that has figures now and had none then has changed
        Set<Integer> read = null;
        if (kept != null && !changes.all()) {
            kept.years().forEach((year, cells) -> {
                if (!changes.changed(year)) {
                    unchanged.put(year, cells);
                }
            });
            read = changes.years();
        }
        // streamed a year at a time: memory holds two years of figures, not all of them
        RunningSummary summary = new RunningSummary(
                groupBy, region, filter.periodFrom(), filter.periodTo(), regions::parentsOf, unchanged);
        store.forEachTotalled(load, unreleasedReadable, read, summary);
        List<FigureDtos.SummaryItem> items = summary.items();
        if (keepable) {
            summaryYears.keep(key, changes.snapshot(), summary.years(), unchanged.size());
        }
        return summaryOf(kind, groupBy, region, filter, items);
    }

    private static FigureDtos.SummaryResponse summaryOf(
            FigureKind kind,
            FigureSummaries.GroupBy groupBy,
            String region,
            FigureFilter filter,
            List<FigureDtos.SummaryItem> items) {
        return new FigureDtos.SummaryResponse(
                kind, groupBy.name(), region, filter.periodFrom(), filter.periodTo(), filter.asOf(), items);
    }

    @Transactional
    public Page<FigureRow> list(FigureFilter filter, FigureSort sort, String cursorParam, int limit) {
        String fingerprint = Cursor.fingerprint(sort.wireName(), filter);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        if (cursor != null) {
            cursor.uuidKey(1);
            if (sort.keyType().equals("date")) {
                cursor.dateKey(0);
            } else {
                cursor.instantKey(0);
            }
        }
        List<FigureRow> rows = store.page(filter, access.unpublishedScope(), sort, cursor, limit + 1);
        return Page.fromLookahead(
                rows,
                limit,
                last -> new Cursor(
                                fingerprint, List.of(sort.keyOf(last), last.id().toString()))
                        .encode());
    }

    /** The history of a figure, oldest revision first. */
    public Page<FigureRow> revisions(FigureKind kind, UUID id, String cursorParam, int limit) {
        get(kind, id, null);
        String fingerprint = Cursor.fingerprint("revision", id);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 1);
        int after = cursor == null ? 0 : cursor.intKey(0);
        List<FigureRow> rows = store.revisions(id, after, limit + 1);
        return Page.fromLookahead(
                rows, limit, last -> new Cursor(fingerprint, List.of(Integer.toString(last.revision()))).encode());
    }

    /** Whether a figure of this kind already quotes this sentence of this article: lets loaders skip what they loaded. */
    @Transactional
    public boolean isQuoted(FigureKind kind, UUID articleId, String quote) {
        return store.quoted(kind, articleId, quote);
    }

    /** Every figure of an export, handed to a consumer: the CSV spool ({@code FigureCsv.spool}). */
    @FunctionalInterface
    public interface Export {
        void forEach(Consumer<FigureRow> consumer);
    }

    /**
     * Every figure matching the filter that the caller may see, for a CSV export written to a file before it is sent:
     * who the caller is is read now. Read from a cursor (the driver fetches 500 rows at a time only inside a transaction) in a
     * read-only transaction, which takes no transaction id and so holds back neither the sync feed nor anything else;
     * memory stays the same whatever the size of the export.
     */
    public Export export(FigureFilter filter) {
        Set<UUID> unreleasedReadable = access.unpublishedScope();
        return consumer -> QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            store.readOnly();
            store.forEach(filter, unreleasedReadable, consumer);
        });
    }

    private FigureRow lockCurrent(FigureKind kind, UUID id, VersionPrecondition precondition) {
        FigureRow current =
                store.lockCurrent(kind, id).orElseThrow(() -> new ResourceNotFoundException(kind + " figure", id));
        if (!precondition.matches(current.revision())) {
            throw new StaleVersionException(kind + " figure", id);
        }
        return current;
    }
}
