package cn.fucai.cms.publisher;

import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceGoneException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.error.StaleVersionException;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.publisher.PublisherDtos.PublisherRequest;
import cn.fucai.cms.publisher.PublisherDtos.PublisherResponse;
import cn.fucai.cms.region.Regions;
import cn.fucai.cms.security.AccessPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Rules for publishers: unique live slugs, known regions, an acyclic parent tree, no deletion while in use. */
@ApplicationScoped
public class PublisherService {

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    Event<PublisherRemoval> removing;

    @Inject
    Regions regions;

    @Inject
    PublisherQueries queries;

    /** Filters of the publisher list; null means "any". */
    public record Filter(PublisherLevel level, PublisherKind kind, String region, String parent) {}

    /** A live publisher by id or slug: 404 when there never was one, 410 when it was deleted. */
    @Transactional
    public Publisher get(String idOrSlug) {
        Publisher publisher = Publisher.findByIdOrSlug(idOrSlug)
                .orElseThrow(() -> new ResourceNotFoundException("publisher", idOrSlug));
        if (publisher.isDeleted()) {
            throw new ResourceGoneException("publisher", idOrSlug);
        }
        return publisher;
    }

    @Transactional
    public Page<PublisherResponse> list(Filter filter, String cursorParam, int limit) {
        List<String> inRegion = filter.region() == null ? null : regions.withDescendants(filter.region());
        UUID parentId = filter.parent() == null ? null : resolveParent(filter.parent());
        String query = Cursor.fingerprint("slug", filter.level(), filter.kind(), filter.region(), parentId);
        Cursor cursor = Cursor.decode(cursorParam, query, 1);
        List<PublisherResponse> rows = queries.page(
                filter.level(),
                filter.kind(),
                inRegion,
                parentId,
                cursor == null ? null : cursor.keys().get(0),
                limit + 1);
        return Page.fromLookahead(rows, limit, last -> new Cursor(query, List.of(last.slug())).encode());
    }

    @Transactional
    public Publisher create(PublisherRequest request) {
        access.requireAdmin();
        Publisher publisher = new Publisher();
        Instant now = changes.now();
        publisher.createdAt = now;
        apply(publisher, request, now);
        publisher.persistAndFlush();
        changes.fire(change(ChangeAction.CREATE, publisher, null, publisher.asRequest()));
        return publisher;
    }

    /** Replaces a publisher's state; the If-Match precondition is checked against the version read here. */
    @Transactional
    public Publisher replace(String idOrSlug, PublisherRequest request, VersionPrecondition precondition) {
        access.requireAdmin();
        Publisher publisher = get(idOrSlug);
        requireCurrent(publisher, precondition, idOrSlug);
        PublisherRequest before = publisher.asRequest();
        apply(publisher, request, changes.now());
        publisher.flush();
        if (!before.equals(publisher.asRequest())) {
            changes.fire(change(ChangeAction.UPDATE, publisher, before, publisher.asRequest()));
        }
        return publisher;
    }

    /** Soft-deletes a publisher that no live article or child publisher still refers to. */
    @Transactional
    public void delete(String idOrSlug, VersionPrecondition precondition) {
        access.requireAdmin();
        Publisher publisher = get(idOrSlug);
        requireCurrent(publisher, precondition, idOrSlug);
        PublisherRemoval removal = new PublisherRemoval(publisher.id);
        removing.fire(removal);
        removal.count("child publishers", publisher.liveChildCount());
        if (removal.live().values().stream().anyMatch(count -> count > 0)) {
            throw new ResourceConflictException("publisher " + publisher.slug + " still has "
                    + removal.live().entrySet().stream()
                            .map(live -> live.getValue() + " " + live.getKey())
                            .collect(Collectors.joining(" and "))
                    + "; delete or move them first");
        }
        publisher.markDeleted(changes.now());
        publisher.flush();
        changes.fire(change(ChangeAction.DELETE, publisher, publisher.asRequest(), null));
    }

    /** Copies the request onto the publisher; updatedAt (and so the version) moves only when something changed. */
    private void apply(Publisher publisher, PublisherRequest request, Instant now) {
        if (Publisher.slugTaken(request.slug(), publisher.id)) {
            throw new ResourceConflictException("a publisher with slug '" + request.slug() + "' already exists");
        }
        UUID parentId = request.parent() == null ? null : resolveParent(request.parent());
        if (parentId != null && publisher.id != null && publisher.wouldCycleWith(parentId)) {
            throw new InvalidInputException("parent", "would make publisher " + publisher.slug + " its own ancestor");
        }
        PublisherRequest before = publisher.id == null ? null : publisher.asRequest();
        publisher.slug = request.slug();
        publisher.name = request.name().strip();
        publisher.nameEn = request.nameEn();
        publisher.level = request.level();
        publisher.kind = request.kind();
        publisher.regionCode = regions.requireKnown(request.regionCode(), "regionCode");
        publisher.parentId = parentId;
        publisher.website = request.website();
        publisher.requiresReview = request.requiresReview();
        if (!publisher.asRequest().equals(before)) {
            publisher.updatedAt = now;
        }
    }

    private UUID resolveParent(String idOrSlug) {
        return requireLive("parent", idOrSlug).id;
    }

    /** The live publisher a request names by id or slug, or a 400 naming the request's field: the one place for it. */
    public Publisher requireLive(String field, String idOrSlug) {
        return Publisher.findByIdOrSlug(idOrSlug)
                .filter(publisher -> !publisher.isDeleted())
                .orElseThrow(() -> new InvalidInputException(field, "no live publisher " + idOrSlug));
    }

    private static void requireCurrent(Publisher publisher, VersionPrecondition precondition, String key) {
        if (!precondition.matches(publisher.version)) {
            throw new StaleVersionException("publisher", key);
        }
    }

    private static ContentChanged change(ChangeAction action, Publisher publisher, Object before, Object after) {
        return ContentChanged.of(
                ContentKind.PUBLISHER, action, publisher.id, publisher.id, before, after, publisher.updatedAt);
    }
}
