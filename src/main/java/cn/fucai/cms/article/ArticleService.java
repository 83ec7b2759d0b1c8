package cn.fucai.cms.article;

import cn.fucai.cms.article.ArticleDtos.ArticleRequest;
import cn.fucai.cms.article.ArticleDtos.TranslationRequest;
import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.change.PublicEvent;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.Problem.FieldViolation;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceGoneException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.error.StaleVersionException;
import cn.fucai.cms.common.http.PublicUrl;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.json.EncodedJson;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.schedule.ScheduleConfig;
import cn.fucai.cms.common.schedule.ScheduledWork;
import cn.fucai.cms.common.time.Timestamps;
import cn.fucai.cms.media.FocalPoint;
import cn.fucai.cms.media.ImageRef;
import cn.fucai.cms.media.MediaResponse;
import cn.fucai.cms.media.MediaService;
import cn.fucai.cms.publisher.Publisher;
import cn.fucai.cms.publisher.PublisherRemoval;
import cn.fucai.cms.publisher.PublisherService;
import cn.fucai.cms.region.Regions;
import cn.fucai.cms.security.AccessDeniedException;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.Caller;
import cn.fucai.cms.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/** Rules for articles: who they belong to, unique live slugs, known regions, locales, versions and tombstones. */
@ApplicationScoped
public class ArticleService {

    private static final Logger LOG = Logger.getLogger(ArticleService.class);

    @Inject
    PublisherService publishers;

    @Inject
    ArticleListQuery listQuery;

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    ArticleStates states;

    @Inject
    Regions regions;

    @Inject
    MediaService media;

    @Inject
    PublicUrl publicUrl;

    @Inject
    ArticleRevisions revisions;

    @Inject
    PreviewLinks previews;

    @Inject
    ArticleReviews reviews;

    /**
     * A live article as a reader is served it: 404 when it never existed, 410 when deleted. Drafts, archived and
     * deleted articles are 404 to callers who may not read their publisher's unpublished content, so that their
     * existence does not leak. One statement, no entity and no transaction: the read the response cache cannot help.
     */
    public ArticleRead read(UUID id, List<Locale.LanguageRange> preferences) {
        ArticleRead article =
                states.read(id, preferences).orElseThrow(() -> new ResourceNotFoundException("article", id));
        requireVisible(article.validators(), id);
        return article;
    }

    /**
     * What a revalidation of {@link #read} compares, in a statement that leaves the texts out: the same 404 and 410, for
     * the same callers.
     */
    ArticleValidators validators(UUID id) {
        ArticleValidators article =
                states.validators(id).orElseThrow(() -> new ResourceNotFoundException("article", id));
        requireVisible(article, id);
        return article;
    }

    /** Whether this request's reader is anonymous: no credentials presented, nobody signed in; known without authenticating. */
    boolean readerIsAnonymous() {
        return access.anonymous();
    }

    /**
     * {@link #read} in the original locale for an anonymous reader ({@link #readerIsAnonymous}), whose read may wait for
     * a statement it shares with others without holding a thread ({@link ArticleStates#readLater}). The same 404 and
     * 410: what an anonymous reader may see needs nobody's identity, so it is decided on whichever thread the statement
     * completes.
     */
    CompletionStage<ArticleRead> readForAnonymous(UUID id) {
        return states.readLater(id).thenApply(found -> {
            ArticleRead article = found.orElseThrow(() -> new ResourceNotFoundException("article", id));
            requireVisible(article.validators(), id, () -> false);
            return article;
        });
    }

    /** {@link #validators} for an anonymous reader, as {@link #readForAnonymous} reads. */
    CompletionStage<ArticleValidators> validatorsForAnonymous(UUID id) {
        return states.validatorsLater(id).thenApply(found -> {
            ArticleValidators article = found.orElseThrow(() -> new ResourceNotFoundException("article", id));
            requireVisible(article, id, () -> false);
            return article;
        });
    }

    /** A live article by its publisher's id or slug and its own slug, as front ends route. */
    public ArticleRead readBySlug(String publisherIdOrSlug, String slug, List<Locale.LanguageRange> preferences) {
        Publisher publisher = publishers.get(publisherIdOrSlug);
        String key = publisher.slug + "/" + slug;
        ArticleRead article = states.readBySlug(publisher.id, slug, preferences)
                .orElseThrow(() -> new ResourceNotFoundException("article", key));
        requireVisible(article.validators(), key);
        return article;
    }

    /** What a revalidation of {@link #readBySlug} compares, without the texts: the same 404 and 410. */
    ArticleValidators validatorsBySlug(String publisherIdOrSlug, String slug) {
        Publisher publisher = publishers.get(publisherIdOrSlug);
        String key = publisher.slug + "/" + slug;
        ArticleValidators article = states.validatorsBySlug(publisher.id, slug)
                .orElseThrow(() -> new ResourceNotFoundException("article", key));
        requireVisible(article, key);
        return article;
    }

    /** Whether the publisher has an article with this slug, live or deleted. */
    @Transactional
    public boolean exists(String publisherIdOrSlug, String slug) {
        return Publisher.findByIdOrSlug(publisherIdOrSlug)
                .flatMap(p -> Article.findBySlug(p.id, slug))
                .isPresent();
    }

    /**
     * One keyset page of article summaries, served in the preferred locales where they exist; {@code afterAWrite} when
     * the reader must see a write this instance may not have heard of yet (Read-After).
     */
    public Page<EncodedJson> list(
            ArticleFilter requested,
            ArticleSort sort,
            String cursorParam,
            int limit,
            List<Locale.LanguageRange> preferences,
            boolean afterAWrite) {
        // Unpublished articles are listed only for the publishers the caller may read them of.
        ArticleFilter filter = requested.status() == ArticleStatus.published
                ? requested
                : requested.visibleTo(access.unpublishedScope());
        String fingerprint = Cursor.fingerprint(
                sort.wireName(),
                filter.publisherId(),
                filter.region(),
                filter.category(),
                filter.tag(),
                filter.status(),
                filter.locale(),
                filter.publishedFrom(),
                filter.publishedBefore());
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        if (cursor != null) {
            cursor.uuidKey(1);
            if (sort.keyType().equals("timestamptz") && !cursor.keys().get(0).equals("-infinity")) {
                cursor.instantKey(0);
            }
        }
        return listQuery.page(filter, sort, cursor, limit, preferences, fingerprint, afterAWrite);
    }

    @Transactional
    public Article create(ArticleRequest request) {
        Article article = new Article();
        Caller caller = write(article, request);
        article.persistAndFlush();
        int revision = revisions.record(article.id, null, article.content(), "create", caller, article.updatedAt, null);
        MediaService.UseChanges uses = recordMediaUses(article);
        ContentChanged change = announced(null, article, change(ChangeAction.CREATE, article, null, article.content()));
        changes.fire(uses.announcedOn(submittedBy(caller, null, article, revision, null, change)));
        return article;
    }

    /** Replaces an article's state if the If-Match precondition still holds; a no-op write changes nothing. */
    @Transactional
    public Article replace(UUID id, ArticleRequest request, VersionPrecondition precondition) {
        return replace(id, request, precondition, null);
    }

    /** The article's revisions, newest first; for those who may read its publisher's drafts. */
    @Transactional
    public Page<ArticleRevisions.Row> revisions(UUID id, String cursorParam, int limit) {
        loadHistory(id);
        String fingerprint = Cursor.fingerprint("-number", id);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 1);
        List<ArticleRevisions.Row> rows = revisions.page(id, cursor == null ? null : cursor.intKey(0), limit + 1);
        return Page.fromLookahead(
                rows, limit, last -> new Cursor(fingerprint, List.of(Integer.toString(last.number()))).encode());
    }

    @Transactional
    public ArticleRevisions.Row revision(UUID id, int number) {
        loadHistory(id);
        return revisions.get(id, number);
    }

    /** The article with every translation, drafts included: for those who may read its publisher's drafts. */
    @Transactional
    public Article translations(UUID id) {
        return loadHistory(id);
    }

    /** What changed from revision {@code from} to revision {@code to}. */
    @Transactional
    public List<RevisionDiff.Change> diff(UUID id, int from, int to) {
        loadHistory(id);
        return RevisionDiff.between(
                revisions.get(id, from).article(), revisions.get(id, to).article());
    }

    /**
     * Brings back what the article said at revision {@code number} (texts, tags, regions, source, cover), keeping
     * where and when it is published: a new revision, history untouched.
     */
    @Transactional
    public Article restore(UUID id, int number, VersionPrecondition precondition) {
        Article article = historyReadable(loadForWrite(id));
        ArticleRequest request = RevisionDtos.request(revisions.get(id, number).article(), article.content());
        return replace(id, request, precondition, number);
    }

    private Article replace(UUID id, ArticleRequest request, VersionPrecondition precondition, Integer restoring) {
        Article article = loadForWrite(id);
        access.requireWrite(article.publisher.id);
        requireCurrent(article, precondition);
        ArticleContent before = article.content();
        Caller caller = write(article, request);
        article.flush();
        MediaService.UseChanges uses = recordMediaUses(article);
        if (!before.equals(article.content())) {
            int revision = revisions.record(
                    article.id,
                    before,
                    article.content(),
                    restoring == null ? "update" : "restore",
                    caller,
                    article.updatedAt,
                    restoring);
            ContentChanged change = change(ChangeAction.UPDATE, article, before, article.content())
                    .movedFrom(before.publisherId());
            changes.fire(uses.announcedOn(submittedBy(
                    caller, before.status(), article, revision, null, announced(before.status(), article, change))));
        }
        return article;
    }

    /** Soft delete: the row stays as a tombstone that answers 410 and that mirrors can follow. */
    @Transactional
    public void delete(UUID id, VersionPrecondition precondition) {
        Article article = loadForWrite(id);
        access.requireWrite(article.publisher.id);
        requireCurrent(article, precondition);
        article.markDeleted(changes.now());
        article.flush();
        MediaService.UseChanges uses = recordMediaUses(article);
        changes.fire(uses.announcedOn(change(ChangeAction.DELETE, article, article.content(), null)
                .announcing(PublicEvent.ARTICLE_DELETED, article.publisher.id, reference(article))));
    }

    /** Scheduled articles as the scheduler carries them out: published at publishedAt, archived at unpublishAt. */
    @Produces
    @Singleton
    ScheduledWork schedule(ScheduleConfig config) {
        return new ScheduledWork(
                "article", states::claimDue, states::nextDue, (id, now) -> actOnDue(id, now, config.lateAfter()));
    }

    /**
     * Publishes a scheduled article, or archives a published one, that the caller's transaction has claimed
     * ({@link ArticleStates#claimDue}) at {@code now}: the same change, feed row, webhook and cache invalidation as a
     * manual write, by the service itself. A publication more than {@code grace} after its time is marked late.
     * Returns the time it was due.
     */
    Instant actOnDue(UUID id, Instant now, Duration grace) {
        Article article = Article.findWithDetails(id).orElseThrow();
        ArticleContent before = article.content();
        boolean publishing = article.status == ArticleStatus.scheduled;
        Instant due = publishing ? article.publishedAt : article.unpublishAt;
        ScheduledRelease release = publishing ? ScheduledRelease.at(due, now, grace) : null;
        ChangeAction action = publishing ? ChangeAction.RELEASE : ChangeAction.EXPIRE;
        ArticleContent after =
                before.withStatus(publishing ? ArticleStatus.published : ArticleStatus.archived, release);
        article.revise(after, article.publisher, Set.of(article.regionScope), now);
        if (release != null && release.late()) {
            LOG.warnf(
                    "article %s (%s/%s) published late: due at %s, published at %s",
                    article.id, article.publisher.slug, article.slug, due, now);
        }
        article.flush();
        revisions.record(
                article.id, before, article.content(), action.wireName(), access.caller(), article.updatedAt, null);
        MediaService.UseChanges uses = recordMediaUses(article);
        changes.fire(uses.announcedOn(
                announced(before.status(), article, change(action, article, before, article.content()))));
        return due;
    }

    /**
     * Tells the media library which of its items the article's texts show or link: public while the article is
     * published, none once it is deleted. The items this made public or private are announced with the article's
     * change.
     */
    private MediaService.UseChanges recordMediaUses(Article article) {
        Map<String, String> references = new LinkedHashMap<>();
        if (article.deletedAt == null) {
            ImageRef cover = ImageRef.fromJson(article.cover);
            if (cover != null) {
                references.put(cover.sha256(), "coverImageId");
            }
            MediaService.referencesIn(article.body).forEach(sha256 -> references.putIfAbsent(sha256, "body"));
            for (int i = 0; i < article.translations.size(); i++) {
                String field = "translations[" + i + "].body";
                MediaService.referencesIn(article.translations.get(i).body)
                        .forEach(sha256 -> references.putIfAbsent(sha256, field));
            }
        }
        return media.recordUses(
                ContentKind.ARTICLE,
                article.id,
                article.publisher.id,
                references,
                article.status == ArticleStatus.published && article.deletedAt == null);
    }

    private String publicBase() {
        return publicUrl.of("/").toString();
    }

    /**
     * An image's focal point moved in the media library: the articles whose cover it is follow it, each as a change of
     * its own (a revision, the partner feed, a webhook while published), in the transaction that moved it. The focal
     * point says how pages crop the cover, not what the article says, so it follows without review.
     */
    void refocusCovers(@Observes ContentChanged change) {
        if (change.kind() != ContentKind.MEDIA || change.action() != ChangeAction.UPDATE) {
            return;
        }
        for (ContentChanged.Written image : change.written()) {
            if (image.before() instanceof MediaResponse before
                    && image.after() instanceof MediaResponse after
                    && !Objects.equals(before.focalPoint(), after.focalPoint())) {
                for (UUID id : media.usersOf(after.id(), ContentKind.ARTICLE)) {
                    refocusCover(id, after.id(), after.focalPoint(), change.at());
                }
            }
        }
    }

    private void refocusCover(UUID id, UUID imageId, FocalPoint point, Instant now) {
        Article.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
        Article article = Article.findWithDetails(id).orElseThrow();
        ImageRef cover = ImageRef.fromJson(article.cover);
        if (article.isDeleted() || cover == null || !cover.id().equals(imageId)) {
            return; // the image is in its texts only
        }
        ArticleContent before = article.content();
        if (!article.revise(
                before.withCover(cover.focusedOn(point)), article.publisher, Set.of(article.regionScope), now)) {
            return;
        }
        article.flush();
        String action = ChangeAction.REFOCUS.wireName();
        revisions.record(article.id, before, article.content(), action, access.caller(), article.updatedAt, null);
        changes.fire(
                announced(before.status(), article, change(ChangeAction.REFOCUS, article, before, article.content())));
        // written: let it go, or each next article's flush checks every article refocused before it again
        Article.getEntityManager().detach(article);
    }

    /** A publisher with live articles cannot be deleted: they are counted for its removal. */
    void onPublisherRemoval(@Observes PublisherRemoval removal) {
        removal.count("articles", states.liveIdsOf(removal.publisherId()).size());
    }

    private static ContentChanged change(ChangeAction action, Article article, Object before, Object after) {
        return ContentChanged.of(
                ContentKind.ARTICLE, action, article.id, article.publisher.id, before, after, article.updatedAt);
    }

    /** What a write meant for readers: published, updated while published, unpublished, or nothing to tell. */
    private static ContentChanged announced(ArticleStatus before, Article article, ContentChanged change) {
        boolean was = before == ArticleStatus.published;
        boolean is = article.status == ArticleStatus.published;
        if (is) {
            return change.announcing(
                    was ? PublicEvent.ARTICLE_UPDATED : PublicEvent.ARTICLE_PUBLISHED,
                    article.publisher.id,
                    article.state().in(article.locale));
        }
        return was
                ? change.announcing(PublicEvent.ARTICLE_UNPUBLISHED, article.publisher.id, reference(article))
                : change;
    }

    private static Map<String, Object> reference(Article article) {
        return Map.of(
                "id",
                article.id,
                "slug",
                article.slug,
                "publisher",
                article.publisher.slug,
                "status",
                article.isDeleted() ? "deleted" : article.status.name());
    }

    /** Checks and applies a request; the caller must be allowed to write the (new) publisher's content. */
    private Caller write(Article article, ArticleRequest request) {
        Publisher publisher = publishers.requireLive("publisher", request.publisher());
        Caller caller = access.requireWrite(publisher.id);
        List<String> regionCodes = distinct(request.regionCodes());
        Regions.Lineage lineage = regions.lineage(regionCodes);
        List<FieldViolation> violations = new ArrayList<>();
        for (String unknown : lineage.unknown()) {
            violations.add(new FieldViolation(
                    "regionCodes[" + request.regionCodes().indexOf(unknown) + "]", "unknown region code " + unknown));
        }
        String locale = canonicalLocale("locale", request.locale(), violations);
        ArticleContent.Localized original = new ArticleContent.Localized(
                locale,
                request.title().strip(),
                request.summary(),
                HtmlSanitizer.sanitize(request.body(), publicBase(), media::mayShowImage));
        List<ArticleContent.Translation> translations = translations(request, original, article, violations);
        if (request.coverImageId() == null && blankToNull(request.coverImageAlt()) != null) {
            violations.add(new FieldViolation("coverImageAlt", "describes a cover image; give coverImageId too"));
        }
        Instant now = changes.now();
        Instant publishedAt = request.publishedAt() != null
                ? Timestamps.stored(request.publishedAt())
                : article.publishedAt != null
                        ? article.publishedAt
                        : request.status() == ArticleStatus.published ? now : null;
        ArticleStatus status = statusAt(request.status(), publishedAt, now);
        if (publisher.requiresReview
                && caller.role() != Role.admin
                && (status == ArticleStatus.published || status == ArticleStatus.scheduled)) {
            if (article.status == ArticleStatus.published) {
                throw new AccessDeniedException("publisher " + publisher.slug + " reviews what is published: a"
                        + " published article is changed by an admin, or archived and sent for review again");
            }
            // the publication waits for a reviewer; a time asked for is kept, "now" becomes the approval's moment
            status = ArticleStatus.in_review;
            publishedAt =
                    request.publishedAt() != null ? Timestamps.stored(request.publishedAt()) : article.publishedAt;
        }
        Instant unpublishAt = Timestamps.stored(request.unpublishAt());
        if (request.status() == ArticleStatus.scheduled && publishedAt == null) {
            violations.add(new FieldViolation("publishedAt", "is required to schedule an article: when to publish it"));
        }
        if (unpublishAt != null && publishedAt != null && !unpublishAt.isAfter(publishedAt)) {
            violations.add(new FieldViolation("unpublishAt", "must be after publishedAt " + publishedAt));
        } else if (unpublishAt != null && status != ArticleStatus.draft && !unpublishAt.isAfter(now)) {
            violations.add(new FieldViolation(
                    "unpublishAt", "is not in the future; to take the article down now, set its status to archived"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        ImageRef cover = request.coverImageId() == null
                ? null
                : media.image(
                        publisher.id, request.coverImageId(), blankToNull(request.coverImageAlt()), "coverImageId");
        if (Article.slugTaken(publisher.id, request.slug(), article.id)) {
            throw new ResourceConflictException(
                    "publisher " + publisher.slug + " already has an article with slug '" + request.slug() + "'");
        }
        ArticleContent content = new ArticleContent(
                publisher.id,
                request.slug(),
                original,
                blankToNull(request.category()),
                distinct(request.tags()),
                regionCodes,
                publishedAt,
                unpublishAt,
                blankToNull(request.sourceName()),
                blankToNull(request.sourceUrl()),
                blankToNull(request.author()),
                cover,
                status,
                // how the scheduler released it stays true while the article stays published
                status == ArticleStatus.published && article.status == ArticleStatus.published
                        ? ScheduledRelease.fromJson(article.release)
                        : null,
                translations);
        article.revise(content, publisher, lineage.scope(), now);
        return caller;
    }

    /**
     * The status a write asks for, at {@code now}: to publish at a time still to come is to schedule, and to schedule
     * for a time gone by is to publish now.
     */
    static ArticleStatus statusAt(ArticleStatus requested, Instant publishedAt, Instant now) {
        if (requested != ArticleStatus.published && requested != ArticleStatus.scheduled || publishedAt == null) {
            return requested;
        }
        return publishedAt.isAfter(now) ? ArticleStatus.scheduled : ArticleStatus.published;
    }

    /**
     * The request's translations in locale order; omitted on PUT means "keep the existing ones". A translation keeps
     * its status unless the request gives one (a new one is published), and is taken as made from {@code original}
     * when it is new, its text or status changes, or the request says it is up to date; otherwise it keeps the digest
     * of the original it was made from, and is stale once that differs.
     */
    private List<ArticleContent.Translation> translations(
            ArticleRequest request,
            ArticleContent.Localized original,
            Article article,
            List<FieldViolation> violations) {
        if (request.translations() == null) {
            return article.translations.stream()
                    .map(ArticleTranslation::content)
                    .filter(t -> !t.locale().equals(original.locale()))
                    .toList();
        }
        Map<String, ArticleContent.Translation> existing = new LinkedHashMap<>();
        article.translations.forEach(t -> existing.put(t.locale, t.content()));
        List<ArticleContent.Translation> result = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < request.translations().size(); i++) {
            TranslationRequest t = request.translations().get(i);
            String field = "translations[" + i + "].locale";
            String locale = canonicalLocale(field, t.locale(), violations);
            if (locale == null) {
                continue;
            }
            if (locale.equals(original.locale())) {
                violations.add(new FieldViolation(
                        field, "is the original locale " + original.locale() + "; a translation needs another locale"));
            } else if (!seen.add(locale)) {
                violations.add(new FieldViolation(field, "duplicate locale " + locale));
            } else {
                ArticleContent.Localized text = new ArticleContent.Localized(
                        locale,
                        t.title().strip(),
                        t.summary(),
                        HtmlSanitizer.sanitize(t.body(), publicBase(), media::mayShowImage));
                ArticleContent.Translation was = existing.get(locale);
                TranslationStatus status =
                        t.status() != null ? t.status() : was == null ? TranslationStatus.published : was.status();
                boolean madeNow = was == null
                        || !text.equals(was.text())
                        || status != was.status()
                        || Boolean.TRUE.equals(t.upToDate());
                result.add(new ArticleContent.Translation(
                        text, status, madeNow ? original.digest() : was.originalDigest()));
            }
        }
        result.sort(Comparator.comparing(ArticleContent.Translation::locale));
        return result;
    }

    private static String canonicalLocale(String field, String tag, List<FieldViolation> violations) {
        try {
            return Locales.canonical(field, tag);
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    /** Sends a draft for review, with a note for the reviewers. */
    @Transactional
    public Article submit(UUID id, String note) {
        Article article = loadForWrite(id);
        Caller caller = access.requireWrite(article.publisher.id);
        if (article.status != ArticleStatus.draft) {
            throw new ResourceConflictException(
                    "article " + id + " is " + article.status + ": only a draft is sent" + " for review");
        }
        return step(article, ArticleStatus.in_review, ChangeAction.SUBMIT, caller, note);
    }

    /**
     * A reviewer approves an article waiting for review: it is published now, or scheduled for the time its editor
     * asked. Nobody approves what they wrote themselves: the author of its latest revision is refused.
     */
    @Transactional
    public Article approve(UUID id, String note) {
        Article article = loadForWrite(id);
        Caller caller = access.requireReviewer(article.publisher.id);
        requireInReview(article);
        UUID author = revisions.lastAuthor(id).orElse(null);
        if (author != null && author.equals(caller.actorId())) {
            throw new AccessDeniedException(
                    "you wrote the latest revision of article " + id + ": another reviewer must approve it");
        }
        Instant now = changes.now();
        ArticleStatus published =
                statusAt(ArticleStatus.published, article.publishedAt == null ? now : article.publishedAt, now);
        return step(article, published, ChangeAction.APPROVE, caller, note);
    }

    /** A reviewer sends an article back to its editors as a draft, saying what to change. */
    @Transactional
    public Article sendBack(UUID id, String comment) {
        Article article = loadForWrite(id);
        Caller caller = access.requireReviewer(article.publisher.id);
        requireInReview(article);
        if (comment == null || comment.isBlank()) {
            throw new InvalidInputException("note", "is required: tell the editors what to change");
        }
        return step(article, ArticleStatus.draft, ChangeAction.RETURN, caller, comment.strip());
    }

    /** The review log: every submission, approval and return, oldest first. */
    @Transactional
    public List<ArticleReviews.Step> reviews(UUID id) {
        loadHistory(id);
        return reviews.of(id);
    }

    private Article step(Article article, ArticleStatus next, ChangeAction action, Caller caller, String note) {
        ArticleContent before = article.content();
        Instant now = changes.now();
        Instant publishedAt =
                next == ArticleStatus.published && article.publishedAt == null ? now : article.publishedAt;
        article.revise(before.withStatus(next, publishedAt, null), article.publisher, Set.of(article.regionScope), now);
        article.flush();
        int revision = revisions.record(article.id, before, article.content(), action.wireName(), caller, now, null);
        if (action != ChangeAction.SUBMIT) {
            reviews.record(
                    article.id, action == ChangeAction.APPROVE ? "approved" : "returned", revision, caller, note, now);
        }
        MediaService.UseChanges uses = recordMediaUses(article);
        ContentChanged change = announced(before.status(), article, change(action, article, before, article.content()));
        changes.fire(uses.announcedOn(submittedBy(caller, before.status(), article, revision, note, change)));
        return article;
    }

    /**
     * When a write sent the article to review: logs the submission and tells webhook receivers of
     * {@code article.review_requested}, so that a team can notify itself.
     */
    private ContentChanged submittedBy(
            Caller caller, ArticleStatus before, Article article, int revision, String note, ContentChanged change) {
        if (article.status != ArticleStatus.in_review || before == ArticleStatus.in_review) {
            return change;
        }
        reviews.record(article.id, "submitted", revision, caller, note, article.updatedAt);
        Map<String, Object> request = new LinkedHashMap<>(reference(article));
        request.put("title", article.title);
        request.put("submittedBy", caller.name());
        request.put("note", note);
        return change.announcing(PublicEvent.ARTICLE_REVIEW_REQUESTED, article.publisher.id, request);
    }

    private static void requireInReview(Article article) {
        if (article.status != ArticleStatus.in_review) {
            throw new ResourceConflictException(
                    "article " + article.id + " is " + article.status + ", not waiting for review");
        }
    }

    /** A preview link: its token and when it stops working. */
    public record Preview(String token, Instant expiresAt) {}

    /** The longest a preview link may be made to last. */
    static final Duration LONGEST_PREVIEW = Duration.ofDays(7);

    /**
     * A signed link that shows the article, in its current status, as readers will see it, to anyone who has the link,
     * until {@code validFor} has passed or the article's status changes. For those who may write the article.
     */
    @Transactional
    public Preview preview(UUID id, Duration validFor) {
        Article article = load(id);
        access.requireWrite(article.publisher.id);
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(LONGEST_PREVIEW) > 0) {
            throw new InvalidInputException("validFor", "must be more than nothing and at most " + LONGEST_PREVIEW);
        }
        Instant now = changes.now();
        Instant expiresAt = now.plus(validFor).truncatedTo(ChronoUnit.SECONDS);
        // who let whom see a draft is on record, though nothing of the article changes
        changes.fire(ContentChanged.of(
                ContentKind.ARTICLE,
                ChangeAction.SHARE_PREVIEW,
                id,
                article.publisher.id,
                null,
                Map.of("status", article.status, "expiresAt", expiresAt),
                now));
        return new Preview(previews.sign(new PreviewLinks.Claim(id, article.status, expiresAt)), expiresAt);
    }

    /**
     * The article a preview link shows, exactly as the public read serves it; 404 alike for a link that is forged,
     * expired, of a deleted article or of one whose status has changed since.
     */
    public ArticleRead readPreview(String token, List<Locale.LanguageRange> preferences) {
        Instant now = changes.now();
        return previews.verify(token)
                .filter(claim -> claim.expiresAt().isAfter(now))
                .flatMap(claim -> states.read(claim.articleId(), preferences)
                        .filter(article ->
                                !article.state().isDeleted() && article.state().status() == claim.status()))
                .orElseThrow(() -> new ResourceNotFoundException(
                        "preview", "at this link: it is expired, changed, or its article changed status"));
    }

    /** An article whose history the caller may read: only those who may read its publisher's drafts. */
    private Article loadHistory(UUID id) {
        return historyReadable(load(id));
    }

    private Article historyReadable(Article article) {
        if (!access.mayReadUnpublished(article.publisher.id)) {
            throw new ResourceNotFoundException("article", article.id);
        }
        return article;
    }

    /**
     * The article to write, its row locked until the transaction ends: writes of one article wait for each other and
     * each sees what the one before it committed, so two unconditional writes never collide (a client that sends its
     * PUT again while the first send still runs gets 200 twice, not a conflict), and If-Match is checked against the
     * latest version.
     */
    private Article loadForWrite(UUID id) {
        Article.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
        return load(id);
    }

    private Article load(UUID id) {
        Article article = Article.findWithDetails(id).orElseThrow(() -> new ResourceNotFoundException("article", id));
        requireVisible(article.isDeleted(), article.status, article.wasEverPublished(), article.publisher.id, id);
        return article;
    }

    /**
     * Whether the caller may see the article. A deleted article that was ever published is 410 to everyone; anything
     * else unpublished is, to those who may not see it, exactly as missing (404).
     */
    private void requireVisible(
            boolean deleted, ArticleStatus status, boolean everPublished, UUID publisherId, Object key) {
        requireVisible(deleted, status, everPublished, key, () -> access.mayReadUnpublished(publisherId));
    }

    private void requireVisible(ArticleValidators article, Object key) {
        requireVisible(article, key, () -> access.mayReadUnpublished(article.publisherId()));
    }

    private static void requireVisible(ArticleValidators article, Object key, BooleanSupplier mayReadUnpublished) {
        requireVisible(article.deleted(), article.status(), article.everPublished(), key, mayReadUnpublished);
    }

    /** Published, or deleted after it was (410); anything else is 404 unless the caller may read it (asked last). */
    private static void requireVisible(
            boolean deleted,
            ArticleStatus status,
            boolean everPublished,
            Object key,
            BooleanSupplier mayReadUnpublished) {
        boolean published = !deleted && status == ArticleStatus.published;
        if (!published && !(deleted && everPublished) && !mayReadUnpublished.getAsBoolean()) {
            throw new ResourceNotFoundException("article", key);
        }
        if (deleted) {
            throw new ResourceGoneException("article", key);
        }
    }

    private static void requireCurrent(Article article, VersionPrecondition precondition) {
        if (!precondition.matches(article.version)) {
            throw new StaleVersionException("article", article.id);
        }
    }

    private static List<String> distinct(List<String> values) {
        return values == null
                ? List.of()
                : List.copyOf(
                        new LinkedHashSet<>(values.stream().map(String::strip).toList()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
