package cn.fucai.cms.media;

import cn.fucai.cms.common.cache.ResponseCache;
import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.change.PublicEvent;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceGoneException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.error.StaleVersionException;
import cn.fucai.cms.common.http.PublicUrl;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.text.SearchQuery;
import cn.fucai.cms.media.MediaDtos.MediaDescription;
import cn.fucai.cms.media.MediaDtos.MediaText;
import cn.fucai.cms.publisher.Publisher;
import cn.fucai.cms.publisher.PublisherService;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.Caller;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * The media library's rules: who may upload for which publisher, what is taken, one live item per publisher and
 * content, metadata edited with optimistic locking, soft deletion. Uploaded bytes are streamed to a temporary file,
 * hashed on the way and inspected there; the objects are stored before the row is committed, so a row never names a
 * missing object. An item is shown only to callers who may see the publisher's unpublished content until published
 * content uses it.
 */
@ApplicationScoped
public class MediaService {

    /** A media file's URL anywhere in HTML: the content's hash is the reference. */
    private static final Pattern MEDIA_URL =
            Pattern.compile("/api/v1/media-files/([0-9a-f]{64})/(?:original|w[0-9]{1,5}(?:\\.webp)?)(?![0-9A-Za-z])");

    private static final Pattern OWN_FILE =
            Pattern.compile("/api/v1/media-files/[0-9a-f]{64}/(?:original|w[0-9]{1,5}(?:\\.webp)?)");

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    PublisherService publishers;

    @Inject
    MediaConfig config;

    @Inject
    MediaInspector inspector;

    @Inject
    MediaPages pages;

    @Inject
    PageSearch pageSearch;

    @Inject
    MediaStore store;

    @Inject
    MediaReads reads;

    @Inject
    Jdbi jdbi;

    @Inject
    RemoteFiles remoteFiles;

    @Inject
    PublicUrl publicUrl;

    @Inject
    ResponseCache responseCache;

    private String publicBase;
    private Set<String> externalImageHosts;

    /** File requests ask which live items have a content: the answers, per media generation. */
    private final Cache<String, KeptItems> itemsByContent =
            Caffeine.newBuilder().maximumSize(10_000).build();

    /** Sizes of stored objects, which never change. */
    private final Cache<String, Long> sizes =
            Caffeine.newBuilder().maximumSize(50_000).build();

    @PostConstruct
    void init() {
        publicBase = publicUrl.of("/").toString().replaceAll("/$", "");
        externalImageHosts = config.externalImageHosts().orElse(List.of()).stream()
                .map(host -> host.strip().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** An upload's answer: the item, and whether it is new or the publisher's existing item with these bytes. */
    public record Uploaded(MediaResponse media, boolean created) {}

    /** An object to send: its key, type, size, the name to save it under, whether anyone may see it. */
    public record Served(
            String key, String mediaType, long size, String fileName, boolean shared, Optional<Path> localFile) {}

    /** Takes an upload for a publisher: {@code body} is read here, up to the configured limit. */
    public Uploaded upload(String publisherIdOrSlug, String fileName, MediaDescription description, InputStream body) {
        Publisher publisher = publishers.requireLive("publisher", publisherIdOrSlug);
        Caller caller = access.requireWrite(publisher.id);
        MediaDescription checked = checked(description == null ? MediaDescription.NONE : description);
        return take(publisher, caller, fileName, checked, null, upload -> receive(body, upload));
    }

    /**
     * Imports the file at {@code url} (an image of a WeChat article, a report on a province's site) for a publisher, as
     * if it had been uploaded: fetched only once the caller may write for the publisher and the description is valid,
     * then checked as an upload is; the address is kept as its {@code sourceUrl}.
     */
    public Uploaded importFrom(String publisherIdOrSlug, String url, MediaDescription description) {
        Publisher publisher = publishers.requireLive("publisher", publisherIdOrSlug);
        Caller caller = access.requireWrite(publisher.id);
        MediaDescription checked = checked(description == null ? MediaDescription.NONE : description);
        remoteFiles.requireFetchable(url);
        Path fetched = null;
        try {
            fetched = Files.createTempFile("cms-import-", "");
            String fileName = remoteFiles.fetch(url, fetched);
            Path file = fetched;
            return take(publisher, caller, fileName, checked, RemoteFiles.provenance(url), upload -> {
                try (InputStream body = Files.newInputStream(file)) {
                    return receive(body, upload);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(fetched);
        }
    }

    /** Reads what is taken into {@code upload}, returning its SHA-256. */
    private interface Receiver {
        String receive(Path upload) throws IOException;
    }

    private Uploaded take(
            Publisher publisher,
            Caller caller,
            String fileName,
            MediaDescription checked,
            String sourceUrl,
            Receiver receiver) {
        Path work = null;
        try {
            work = Files.createTempDirectory("cms-media-");
            Path upload = work.resolve("upload");
            String sha256 = receiver.receive(upload);
            MediaInspector.Prepared prepared = inspector.prepare(upload, work);
            store.put(MediaFiles.served(sha256), prepared.served());
            for (Map.Entry<Integer, Path> rendition : prepared.renditions().entrySet()) {
                store.put(MediaFiles.rendition(sha256, rendition.getKey()), rendition.getValue());
            }
            for (Map.Entry<Integer, Path> rendition : prepared.webp().entrySet()) {
                store.put(MediaFiles.webpRendition(sha256, rendition.getKey()), rendition.getValue());
            }
            if (config.keepOriginals() && !prepared.served().equals(upload)) {
                store.put(MediaFiles.uploaded(sha256), upload);
            }
            long bytes = Files.size(upload);
            // its own short transaction, or the idempotent write's that is running (whose key is kept with the row)
            Recorded recorded = QuarkusTransaction.joiningExisting()
                    .call(() -> record(publisher.id, caller, sha256, bytes, prepared, fileName, sourceUrl, checked));
            return new Uploaded(reads.byId(recorded.id()).orElseThrow().response(), recorded.created());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** The item, for a caller who may see it: 404 for one who may not, 410 when deleted. */
    public MediaResponse get(UUID id) {
        return visible(id).response();
    }

    /**
     * What uses an item (articles and figures, drafts included), for those who may read its publisher's unpublished
     * content: 404 for everyone else, who must not learn of drafts.
     */
    public List<MediaDtos.MediaUse> uses(UUID id) {
        MediaReads.Stored item = visible(id);
        if (!access.mayReadUnpublished(item.publisherId())) {
            throw new ResourceNotFoundException("media", id);
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select used_by_kind, used_by_id, visible from media_use where media_id = :item
                        order by used_by_kind, used_by_id""")
                .bind("item", id)
                .map((rs, context) -> new MediaDtos.MediaUse(
                        rs.getString("used_by_kind"), rs.getObject("used_by_id", UUID.class), rs.getBoolean("visible")))
                .list());
    }

    /**
     * How much of a PDF search finds, for those who may read its publisher's unpublished content (404 for everyone
     * else); 409 for an image.
     */
    public MediaDtos.DocumentText documentText(UUID id) {
        MediaReads.Stored item = visible(id);
        if (!access.mayReadUnpublished(item.publisherId())) {
            throw new ResourceNotFoundException("media", id);
        }
        if (item.response().pages() == null) {
            throw new ResourceConflictException("media " + id + " is an image: only PDFs have pages of text");
        }
        return pages.textOf(id, item.response().pages());
    }

    /** Pages of the library's PDFs that say every word of {@code q}, as far as the caller may see them. */
    public Page<MediaDtos.PageHit> searchPages(String q, UUID publisherId, String cursor, int limit) {
        return pageSearch.search(SearchQuery.parse(q), publisherId, access.unpublishedScope(), cursor, limit);
    }

    /** A page of live items the caller may see, newest first. */
    public Page<MediaResponse> list(
            UUID publisherId, MediaKind kind, String text, Boolean unused, String cursorParam, int limit) {
        String fingerprint = Cursor.fingerprint("-createdAt", publisherId, kind, text, unused);
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 2);
        String words = text == null || text.isBlank() ? null : text.strip();
        return reads.page(
                new MediaReads.Filter(publisherId, kind, words, unused, access.unpublishedScope()),
                cursor,
                limit,
                fingerprint);
    }

    /** Replaces what describes an item; the bytes never change (upload new bytes as a new item). */
    @Transactional
    public MediaResponse describe(UUID id, MediaDescription description, VersionPrecondition precondition) {
        MediaDescription checked = checked(description);
        Media media = writable(id, precondition);
        if (checked.focalPoint() != null && media.focalPoint() == null) {
            throw new InvalidInputException("focalPoint", "belongs to images; media " + id + " is a PDF");
        }
        MediaResponse before = reads.byId(id).orElseThrow().response();
        List<Media.Text> translations = translations(checked);
        boolean same = same(media, checked, translations);
        if (!same) {
            apply(media, checked, translations);
            media.updatedAt = changes.now();
            media.flush();
        }
        MediaResponse after = reads.byId(id).orElseThrow().response();
        if (!same) {
            ContentChanged change = ContentChanged.of(
                    ContentKind.MEDIA, ChangeAction.UPDATE, id, media.publisherId, before, after, media.updatedAt);
            boolean shown = reads.byId(id).orElseThrow().visible();
            changes.fire(shown ? change.announcing(PublicEvent.MEDIA_UPDATED, media.publisherId, after) : change);
        }
        return after;
    }

    /** Deletes an item: it answers 410 from then on; its bytes stay until no live item uses them. */
    @Transactional
    public void delete(UUID id, VersionPrecondition precondition) {
        Media media = writable(id, precondition);
        List<String> users = jdbi.withHandle(handle ->
                handle.createQuery("""
                        select used_by_kind || ' ' || used_by_id from media_use where media_id = :item
                        order by used_by_kind, used_by_id limit 5""").bind("item", id).mapTo(String.class).list());
        if (!users.isEmpty()) {
            throw new ResourceConflictException(
                    "media " + id + " is used by " + String.join(", ", users) + "; remove it there first");
        }
        MediaResponse before = reads.byId(id).orElseThrow().response();
        media.deletedAt = changes.now();
        media.flush();
        pages.forget(id);
        changes.fire(ContentChanged.of(
                        ContentKind.MEDIA, ChangeAction.DELETE, id, media.publisherId, before, null, media.deletedAt)
                .announcing(PublicEvent.MEDIA_DELETED, media.publisherId, reference(id)));
    }

    /**
     * An item as partner mirrors see it (sync): to be held while published content uses it ({@code shown}), to be
     * removed once it is deleted or no published content uses it any more.
     */
    public record Mirrored(MediaResponse media, boolean deleted, boolean shown) {}

    /** Items published content uses, in id order after {@code afterId}, of one publisher or (null) all. */
    public List<Mirrored> publicAfter(UUID publisherId, UUID afterId, int limit) {
        return reads.publicAfter(publisherId, afterId, limit).stream()
                .map(MediaService::mirrored)
                .toList();
    }

    /** Items as they are now, deleted or not, by id. */
    public Map<UUID, Mirrored> mirroredByIds(Collection<UUID> ids) {
        Map<UUID, Mirrored> found = new HashMap<>();
        if (!ids.isEmpty()) {
            reads.byIds(ids).forEach(item -> found.put(item.response().id(), mirrored(item)));
        }
        return found;
    }

    /** The ids of a publisher's live items, whatever uses them. */
    public List<UUID> liveIdsOf(UUID publisherId) {
        return reads.liveIdsOf(publisherId);
    }

    private static Mirrored mirrored(MediaReads.Stored item) {
        return new Mirrored(item.response(), item.deleted(), item.visible() && !item.deleted());
    }

    /**
     * An image of {@code publisherId}'s library as content shows it, with {@code alt} (else the item's own alt text);
     * a 400 naming {@code field} when the id names no live image of that library.
     */
    public ImageRef image(UUID publisherId, UUID id, String alt, String field) {
        MediaResponse item = reads.byId(id)
                .filter(stored -> !stored.deleted() && stored.publisherId().equals(publisherId))
                .map(MediaReads.Stored::response)
                .orElseThrow(() ->
                        new InvalidInputException(field, "names no live item of the publisher's media library: " + id));
        if (!item.mediaType().startsWith("image/") || item.width() == null) {
            throw new InvalidInputException(field, "names a " + item.mediaType() + ", not an image: " + id);
        }
        return new ImageRef(
                item.id(),
                item.sha256(),
                item.url(),
                item.mediaType(),
                item.width(),
                item.height(),
                alt != null ? alt : item.alt(),
                item.renditions(),
                item.focalPoint());
    }

    /** A live PDF of {@code publisherId}'s library, as content cites it; empty when the id names none. */
    public Optional<DocumentRef> document(UUID publisherId, UUID id) {
        return reads.byId(id)
                .filter(stored -> !stored.deleted() && stored.publisherId().equals(publisherId))
                .map(MediaReads.Stored::response)
                .filter(item -> item.mediaType().equals(MediaInspector.PDF) && item.pages() != null)
                .map(item -> new DocumentRef(item.id(), item.sha256(), item.url(), item.originalName(), item.pages()));
    }

    /** The entity tag of an item's description: its version. */
    public long version(UUID id) {
        return visible(id).version();
    }

    /**
     * An object of the library by content and variant (original, or w + a width), if a live item with that content is
     * one the caller may see; {@link Served#shared} when published content uses it.
     */
    public Served file(String sha256, String variant) {
        MediaReads.Stored item = itemsWith(sha256).stream()
                .filter(stored -> stored.visible() || access.mayReadUnpublished(stored.publisherId()))
                .filter(stored -> variant.equals("original")
                        || stored.response().renditions().stream()
                                .anyMatch(r -> variant.equals("w" + r.width())
                                        || r.webpUrl() != null && variant.equals("w" + r.width() + ".webp")))
                .max(Comparator.comparing(MediaReads.Stored::visible))
                .orElseThrow(() -> new ResourceNotFoundException("media file", sha256 + "/" + variant));
        String key = MediaFiles.key(sha256, variant);
        String mediaType = item.response().mediaType();
        try {
            Long size = sizes.getIfPresent(key);
            if (size == null) {
                size = store.size(key).orElseThrow(() -> new ResourceNotFoundException("media file", key));
                sizes.put(key, size); // an object never changes: its key is its content
            }
            String type = variant.equals("original")
                    ? mediaType
                    : variant.endsWith(".webp") ? "image/webp" : MediaFiles.renditionType(mediaType);
            return new Served(key, type, size, item.response().originalName(), item.visible(), store.localFile(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records what a piece of content uses: the items whose files its HTML shows or links ({@link #referencesIn}), by
     * content hash and the field that shows each; they must be live items of its publisher's library (else a 400
     * naming the field). {@code published} makes them public while it stays so. No references forget every use, as
     * when the content is deleted. Runs in the caller's transaction. Returns the items this made public or private,
     * for the writer to announce.
     */
    public UseChanges recordUses(
            ContentKind kind, UUID userId, UUID publisherId, Map<String, String> references, boolean published) {
        Map<String, UUID> items = new HashMap<>();
        for (Map.Entry<String, String> reference : references.entrySet()) {
            String sha256 = reference.getKey();
            UUID item = Media.findLive(publisherId, sha256)
                    .map(media -> media.id)
                    .orElseThrow(() -> new InvalidInputException(
                            reference.getValue(),
                            "shows or links media that is not in its publisher's library: " + sha256));
            items.put(sha256, item);
        }
        Set<UUID> affected = new HashSet<>(items.values());
        affected.addAll(usedBy(kind, userId));
        Map<UUID, Boolean> before = publicness(affected);
        jdbi.useHandle(handle -> {
            handle.createUpdate("""
                            delete from media_use where used_by_kind = :kind and used_by_id = :user
                            and not (media_id = any(:items))""")
                    .bind("kind", kind.wireName())
                    .bind("user", userId)
                    .bind("items", items.values().toArray(UUID[]::new))
                    .execute();
            for (UUID item : items.values()) {
                handle.createUpdate("""
                                insert into media_use (media_id, used_by_kind, used_by_id, visible)
                                values (:item, :kind, :user, :visible)
                                on conflict (media_id, used_by_kind, used_by_id) do update set visible = excluded.visible
                                where media_use.visible <> excluded.visible""")
                        .bind("item", item)
                        .bind("kind", kind.wireName())
                        .bind("user", userId)
                        .bind("visible", published)
                        .execute();
            }
        });
        List<Map<String, Object>> shown = new ArrayList<>();
        List<Map<String, Object>> hidden = new ArrayList<>();
        Map<UUID, Boolean> after = publicness(affected);
        for (Map.Entry<UUID, Boolean> item : before.entrySet()) {
            boolean now = after.get(item.getKey());
            if (now != item.getValue()) {
                (now ? shown : hidden).add(reference(item.getKey()));
            }
        }
        return new UseChanges(publisherId, shown, hidden);
    }

    /**
     * The items a write made public (published content now uses them) or private (none does any more), as webhook
     * receivers are told of them: id, content hash and the original file's address.
     */
    public record UseChanges(
            UUID publisherId, List<Map<String, Object>> published, List<Map<String, Object>> unpublished) {

        /** The writer's change, also telling receivers media.published and media.unpublished for these items. */
        public ContentChanged announcedOn(ContentChanged change) {
            ContentChanged announced = change;
            for (Map<String, Object> item : published) {
                announced = announced.announcing(PublicEvent.MEDIA_PUBLISHED, publisherId, item);
            }
            for (Map<String, Object> item : unpublished) {
                announced = announced.announcing(PublicEvent.MEDIA_UNPUBLISHED, publisherId, item);
            }
            return announced;
        }
    }

    /** The items a piece of content uses now. */
    /** The content of {@code kind} that uses an item, drafts included, by id: for its owner to follow the item. */
    public List<UUID> usersOf(UUID mediaId, ContentKind kind) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select used_by_id from media_use where media_id = :item and used_by_kind = :kind
                        order by used_by_id""")
                .bind("item", mediaId)
                .bind("kind", kind.wireName())
                .mapTo(UUID.class)
                .list());
    }

    private List<UUID> usedBy(ContentKind kind, UUID userId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select media_id from media_use where used_by_kind = :kind and used_by_id = :user")
                .bind("kind", kind.wireName())
                .bind("user", userId)
                .mapTo(UUID.class)
                .list());
    }

    /** Whether published content uses each of these items. */
    private Map<UUID, Boolean> publicness(Set<UUID> ids) {
        Map<UUID, Boolean> found = new HashMap<>();
        ids.forEach(id -> found.put(id, false));
        if (!ids.isEmpty()) {
            jdbi.useHandle(handle -> handle.createQuery(
                            "select media_id from media_use where media_id = any(:items) and visible group by media_id")
                    .bind("items", ids.toArray(UUID[]::new))
                    .mapTo(UUID.class)
                    .forEach(id -> found.put(id, true)));
        }
        return found;
    }

    /** What webhook receivers are told of an item: its id, content hash and the original file's address. */
    private Map<String, Object> reference(UUID id) {
        MediaResponse item = reads.byId(id).orElseThrow().response();
        return Map.of(
                "id",
                id,
                "sha256",
                item.sha256(),
                "url",
                item.url(),
                "publisher",
                item.publisher().slug());
    }

    /** The contents (SHA-256) whose files an HTML text shows or links through this service's media URLs. */
    public static Set<String> referencesIn(String html) {
        Set<String> found = new LinkedHashSet<>();
        if (html != null) {
            Matcher matcher = MEDIA_URL.matcher(html);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
        return found;
    }

    /**
     * Whether an image source may stay in content: a file of this library, as a path or at the public address, or an
     * https image of a host the operator named (cms.media.external-image-hosts). Images of other hosts are dropped, so
     * that a page never loads what nobody chose to trust.
     */
    public boolean mayShowImage(String src) {
        String path = src.startsWith(publicBase) ? src.substring(publicBase.length()) : src;
        if (OWN_FILE.matcher(path).matches()) {
            return true;
        }
        try {
            URI uri = new URI(src);
            return "https".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && externalImageHosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The live items with this content, kept while the media generation stays (every change to items and their uses
     * moves it); read before the query, so a change committed meanwhile makes the kept answer stale at once.
     */
    private List<MediaReads.Stored> itemsWith(String sha256) {
        long generation = responseCache.mediaGeneration();
        if (generation < 0) {
            return reads.byContent(sha256);
        }
        KeptItems kept = itemsByContent.getIfPresent(sha256);
        if (kept != null && kept.generation() == generation) {
            return kept.items();
        }
        List<MediaReads.Stored> items = reads.byContent(sha256);
        itemsByContent.put(sha256, new KeptItems(generation, items));
        return items;
    }

    private record KeptItems(long generation, List<MediaReads.Stored> items) {}

    /** {@code length} bytes of a stored object from {@code offset}. */
    public InputStream read(String key, long offset, long length) {
        try {
            return store.read(key, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Recorded(UUID id, boolean created) {}

    private Recorded record(
            UUID publisherId,
            Caller caller,
            String sha256,
            long bytes,
            MediaInspector.Prepared prepared,
            String fileName,
            String sourceUrl,
            MediaDescription description) {
        // uploads of the same bytes for the same publisher take turns here, so that the first makes the item
        jdbi.useHandle(handle -> handle.createQuery(
                        "select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) locked")
                .bind("key", "media:" + publisherId + ":" + sha256)
                .mapTo(Long.class)
                .one());
        Optional<Media> existing = Media.findLive(publisherId, sha256);
        if (existing.isPresent()) {
            return new Recorded(existing.get().id, false);
        }
        Media media = new Media();
        media.publisherId = publisherId;
        media.sha256 = sha256;
        media.mediaType = prepared.mediaType();
        media.bytes = bytes;
        media.width = prepared.width();
        media.height = prepared.height();
        media.pages = prepared.pages();
        media.renditions = prepared.renditions().keySet().stream()
                .mapToInt(Integer::intValue)
                .toArray();
        media.webpRenditions = !prepared.webp().isEmpty();
        media.originalName = originalName(fileName);
        media.sourceUrl = sourceUrl;
        apply(media, description, translations(description));
        media.uploadedBy = caller.actorId();
        media.createdAt = changes.now();
        media.updatedAt = media.createdAt;
        media.persistAndFlush();
        if (prepared.mediaType().equals(MediaInspector.PDF)) {
            pages.store(media.id, prepared.pageTexts());
        }
        MediaResponse after = reads.byId(media.id).orElseThrow().response();
        changes.fire(ContentChanged.of(
                ContentKind.MEDIA, ChangeAction.CREATE, media.id, publisherId, null, after, media.createdAt));
        return new Recorded(media.id, true);
    }

    /** Streams the body to {@code file}, refusing it past the limit; returns the SHA-256 of what was read. */
    private String receive(InputStream body, Path file) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        long limit = config.maxBytes();
        long read = 0;
        try (InputStream in = new DigestInputStream(body, sha256);
                OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
                if (read > limit) {
                    throw new MediaTooLargeException("the upload is larger than " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        if (read == 0) {
            throw new InvalidInputException("file", "is empty");
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private Media writable(UUID id, VersionPrecondition precondition) {
        Media media = Media.<Media>findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("media", id));
        if (!access.mayReadUnpublished(media.publisherId)) {
            throw new ResourceNotFoundException("media", id);
        }
        access.requireWrite(media.publisherId);
        if (media.deletedAt != null) {
            throw new ResourceGoneException("media", id.toString());
        }
        if (!precondition.matches(media.version)) {
            throw new StaleVersionException("media", id.toString());
        }
        return media;
    }

    private MediaReads.Stored visible(UUID id) {
        MediaReads.Stored stored = reads.byId(id)
                .filter(item -> item.visible() || access.mayReadUnpublished(item.publisherId()))
                .orElseThrow(() -> new ResourceNotFoundException("media", id));
        if (stored.deleted()) {
            throw new ResourceGoneException("media", id.toString());
        }
        return stored;
    }

    /** The description with its locales canonical and blank texts as none; a tag that is not BCP 47 is a 400. */
    private static MediaDescription checked(MediaDescription description) {
        String locale = description.locale() == null ? "zh-CN" : languageTag("locale", description.locale());
        List<MediaText> translations = new ArrayList<>();
        List<MediaText> given = description.translations() == null ? List.of() : description.translations();
        for (int i = 0; i < given.size(); i++) {
            MediaText text = given.get(i);
            String field = "translations[" + i + "].locale";
            String tag = languageTag(field, text.locale());
            if (tag.equals(locale)
                    || translations.stream().anyMatch(t -> t.locale().equals(tag))) {
                throw new InvalidInputException(field, "names a locale twice: " + tag);
            }
            translations.add(new MediaText(
                    tag, blankToNull(text.title()), blankToNull(text.alt()), blankToNull(text.caption())));
        }
        translations.sort(Comparator.comparing(MediaText::locale));
        return new MediaDescription(
                locale,
                blankToNull(description.title()),
                blankToNull(description.alt()),
                blankToNull(description.caption()),
                blankToNull(description.credit()),
                translations,
                description.focalPoint());
    }

    private static List<Media.Text> translations(MediaDescription description) {
        return description.translations().stream()
                .map(t -> new Media.Text(t.locale(), t.title(), t.alt(), t.caption()))
                .toList();
    }

    private static boolean same(Media media, MediaDescription d, List<Media.Text> translations) {
        return d.locale().equals(media.locale)
                && Objects.equals(d.title(), media.title)
                && Objects.equals(d.alt(), media.alt)
                && Objects.equals(d.caption(), media.caption)
                && Objects.equals(d.credit(), media.credit)
                && translations.equals(media.translations)
                && (d.focalPoint() == null || d.focalPoint().equals(media.focalPoint()));
    }

    private static void apply(Media media, MediaDescription d, List<Media.Text> translations) {
        media.locale = d.locale();
        media.title = d.title();
        media.alt = d.alt();
        media.caption = d.caption();
        media.credit = d.credit();
        media.translations.clear();
        media.translations.addAll(translations);
        if (d.focalPoint() != null) {
            media.focalX = d.focalPoint().x();
            media.focalY = d.focalPoint().y();
        }
    }

    private static String languageTag(String field, String tag) {
        Locale locale = Locale.forLanguageTag(tag.strip());
        if (tag.isBlank() || locale.getLanguage().isEmpty()) {
            throw new InvalidInputException(
                    field, "is not a BCP 47 language tag: " + InvalidInputException.quoted(tag));
        }
        return locale.toLanguageTag();
    }

    /** The file name without any path, control characters or more than 255 characters; "upload" when none is left. */
    private static String originalName(String fileName) {
        if (fileName == null) {
            return "upload";
        }
        String name = fileName.replaceAll("[\\p{Cntrl}]", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        if (name.length() > 255) {
            name = name.substring(0, 255);
        }
        return name.isEmpty() ? "upload" : name;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is removed with the system's temporary files
        }
    }
}
