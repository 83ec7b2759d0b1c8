package cn.fucai.cms.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service's own cache of public reads: the bytes and headers of anonymous GET answers, and of GETs with a token to
 * operations that answer every caller alike ({@link SameForEveryCaller}), kept until what they show changes. PostgreSQL
 * says what changed (triggers NOTIFY {@value #CHANNEL}, {@link ChangeListener} listens), so the cache is exact across
 * any number of instances and whichever way the data was written.
 * <p>
 * Invalidation is by generation counters rather than by finding entries: an answer records the counters it depends on
 * before it is computed and is served only while none has moved. So a change that commits while an answer is being
 * computed makes that answer stale at once, and a change costs the same however many answers it touches. An article
 * detail depends on its own article (through one of {@value #ARTICLE_STRIPES} stripes) and on publishers; an article
 * list filtered by publisher, category or region on the combination of those filters (one of {@value #FACET_STRIPES}
 * stripes: every article change names the facets of its row before and after, see V22, and moves the stripe of every
 * combination of them, {@link #listKeysTouched}) and on publishers; a figure answer on
 * figures, articles and publishers; a media answer on media, articles and publishers; every other answer on articles
 * and publishers.
 * <p>
 * Served only while the listener is connected: a notification lost while it was not would leave a stale answer.
 */
@ApplicationScoped
public class ResponseCache {

    /**
     * The NOTIFY channel of data changes; payloads {@code article:<uuid>}, {@code article-facets:<facets>},
     * {@code publisher}, {@code figure}, {@code media}, and {@code token} (for {@link ChangeStamps}).
     */
    public static final String CHANNEL = "cms_changes";
    /** Payload prefix of a writer's barrier: it arrives after every change its transaction made. */
    static final String BARRIER = "barrier:";

    private static final Logger LOG = Logger.getLogger(ResponseCache.class);
    private static final int ARTICLES = 0;
    private static final int PUBLISHERS = 1;
    private static final int FIGURES = 2;
    private static final int MEDIA = 3;
    /** Moves when an article change came without its facets: every filtered list depends on it too. */
    private static final int ANY_FACET = 4;

    private static final int FIRST_STRIPE = 5;
    /**
     * Each article's own stripe, nearly: with 1,024 stripes a write dropped ~97 other articles of 100,000 with its own,
     * 5 % of the realistic mix's article misses (docs/performance.md#hits-before-resteasy); 512 KB of counters.
     */
    private static final int ARTICLE_STRIPES = 65536;

    private static final int FACET_STRIPES = 32768;
    private static final String FACETS = "article-facets:";
    private static final String FACET_SEPARATOR = "\u001f";
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(2);
    /** Plain reads after which an answer is kept plain too (docs/performance.md#compressed-cache). */
    static final int KEEP_PLAIN_AFTER = 16;

    private final AtomicLongArray generations = new AtomicLongArray(FIRST_STRIPE + ARTICLE_STRIPES + FACET_STRIPES);
    private final Map<String, CompletableFuture<Void>> barriers = new ConcurrentHashMap<>();
    private final Cache<String, CachedResponse> entries;
    private final boolean enabled;
    private final int compressionLevel;
    private volatile boolean listening;

    ResponseCache(
            ResponseCacheConfig config,
            MeterRegistry metrics,
            @ConfigProperty(name = "quarkus.http.compression-level") int compressionLevel) {
        this.enabled = config.enabled();
        this.compressionLevel = compressionLevel;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(
                        maxBytes(config.maxMegabytes(), Runtime.getRuntime().maxMemory()))
                .weigher((String key, CachedResponse response) -> key.length() * 2 + response.weight())
                .expireAfterWrite(Duration.ofSeconds(config.ttlSeconds()))
                .recordStats()
                .build();
        // cache_gets_total{cache="response",result="hit|miss"}, cache_size, cache_evictions_total
        CaffeineCacheMetrics.monitor(metrics, entries, "response");
    }

    /**
     * The most the cached answers may weigh, gzipped as they are kept: as configured, else a quarter of the heap's
     * maximum. The realistic mix found 91 % of its answers in a quarter of a 512 MiB heap while they were kept plain,
     * 96 % gzipped (53,700 answers); a quarter leaves the rest of the heap what the largest export and summary need
     * (docs/performance.md, resource bounds and compressed cache).
     */
    static long maxBytes(Optional<Integer> configuredMegabytes, long maxHeapBytes) {
        return configuredMegabytes.map(megabytes -> megabytes * 1024L * 1024L).orElse(maxHeapBytes / 4);
    }

    /**
     * A stored answer: its body gzipped ({@link GzipBody}) and its plain length, the headers to replay, the route
     * template it was answered by (for the request log and the HTTP metrics of its hits), and the generations it was
     * computed at; its plain body too once plain readers come back for it ({@link #plainBody}).
     */
    record CachedResponse(
            byte[] gzipped,
            int length,
            byte[] plain,
            List<Map.Entry<String, String>> headers,
            String etag,
            String route,
            Dependencies dependencies,
            AtomicInteger plainReads) {

        CachedResponse(
                byte[] gzipped,
                int length,
                List<Map.Entry<String, String>> headers,
                String etag,
                String route,
                Dependencies dependencies) {
            this(gzipped, length, null, headers, etag, route, dependencies, new AtomicInteger());
        }

        int weight() {
            return gzipped.length + (plain == null ? 0 : plain.length) + 64 * headers.size() + 64;
        }
    }

    /** Which generation counters an answer depends on, and their values when it began. */
    record Dependencies(int[] counters, long[] values) {}

    /** Whether answers may be served from and stored in the cache now. */
    public boolean active() {
        return enabled && listening;
    }

    /**
     * The media generation: it moves with every change the database announces as {@code media} (items and their uses).
     * What was read while it had a value may be kept until it moves; -1 while the cache is not active, when nothing may
     * be kept.
     */
    public long mediaGeneration() {
        return active() ? generations.get(MEDIA) : -1;
    }

    /**
     * A stamp of the changes announced for an article and for publishers, whichever way they were written (with SQL
     * too, which may leave an article's version as it was), for what a feature keeps of an article besides this cache:
     * what was read of the article after the stamp was taken holds while the stamp has not moved. -1 while the listener
     * is not connected, when nothing may be kept; whether answers are cached does not matter.
     */
    public long articleStamp(UUID articleId) {
        return listening ? generations.get(stripe(articleId.toString())) + generations.get(PUBLISHERS) : -1;
    }

    /**
     * A stamp of every change announced for any article or publisher: stamps of articles read with {@link
     * #articleStamp} after a statement hold for what the statement read when this one has not moved since before it.
     * -1 while the listener is not connected.
     */
    public long articleChanges() {
        return listening ? generations.get(ARTICLES) + generations.get(PUBLISHERS) : -1;
    }

    /**
     * What an answer for this path and query depends on, read before it is computed; null when the cache is not
     * active.
     */
    Dependencies dependenciesOf(String path, Map<String, List<String>> query) {
        if (!active()) {
            return null;
        }
        int[] counters = counters(path, query);
        long[] values = new long[counters.length];
        for (int i = 0; i < counters.length; i++) {
            values[i] = generations.get(counters[i]);
        }
        return new Dependencies(counters, values);
    }

    CachedResponse get(String key) {
        if (!active()) {
            return null;
        }
        CachedResponse response = entries.getIfPresent(key);
        if (response == null) {
            return null;
        }
        if (!current(response.dependencies())) {
            entries.invalidate(key);
            return null;
        }
        return response;
    }

    /**
     * Stores an answer just computed, gzipped, unless the same answer (its ETag) is stored and still current: a reader
     * who revalidates with {@code Cache-Control: no-cache} mostly computes what is kept, and writing it again cost a
     * computed read of an article 5 % of its CPU. The kept one stays; looking it up here counts as no hit or miss.
     */
    void store(
            String key,
            byte[] body,
            List<Map.Entry<String, String>> headers,
            String etag,
            String route,
            Dependencies dependencies) {
        CachedResponse stored = entries.asMap().get(key);
        if (stored != null && stored.etag() != null && stored.etag().equals(etag) && current(stored.dependencies())) {
            return;
        }
        if (active() && current(dependencies)) {
            entries.put(
                    key,
                    new CachedResponse(
                            GzipBody.gzip(body, compressionLevel), body.length, headers, etag, route, dependencies));
        }
    }

    /**
     * The plain body of a kept answer, for a client that does not take gzip: inflated, and from its {@value
     * #KEEP_PLAIN_AFTER}th such read kept plain beside the gzip, so that an answer read plain often is not inflated at
     * every read (inflating at every read cost the benchmark's cached plain reads a fifth to a half of their speed).
     * What is read seldom stays gzipped alone, which is where the memory is.
     */
    byte[] plainBody(String key, CachedResponse cached) {
        if (cached.plain() != null) {
            return cached.plain();
        }
        byte[] plain = GzipBody.gunzip(cached.gzipped(), cached.length());
        if (cached.plainReads().incrementAndGet() == KEEP_PLAIN_AFTER) {
            entries.asMap()
                    .replace(
                            key,
                            cached,
                            new CachedResponse(
                                    cached.gzipped(),
                                    cached.length(),
                                    plain,
                                    cached.headers(),
                                    cached.etag(),
                                    cached.route(),
                                    cached.dependencies(),
                                    cached.plainReads()));
        }
        return plain;
    }

    private boolean current(Dependencies dependencies) {
        for (int i = 0; i < dependencies.counters().length; i++) {
            if (generations.get(dependencies.counters()[i]) != dependencies.values()[i]) {
                return false;
            }
        }
        return true;
    }

    /** Applies one notification: a change, or a writer's barrier. */
    void changed(String payload) {
        if (payload.startsWith(BARRIER)) {
            CompletableFuture<Void> barrier = barriers.remove(payload.substring(BARRIER.length()));
            if (barrier != null) {
                barrier.complete(null);
            }
        } else if (payload.startsWith(FACETS)) {
            String facets = payload.substring(FACETS.length());
            List<String> touched = facets.isEmpty() ? null : listKeysTouched(facets.split(FACET_SEPARATOR));
            if (touched == null) {
                generations.incrementAndGet(ANY_FACET);
            } else {
                for (String key : touched) {
                    generations.incrementAndGet(facetStripe(key));
                }
            }
        } else if (payload.startsWith("article:")) {
            generations.incrementAndGet(ARTICLES);
            generations.incrementAndGet(stripe(payload.substring("article:".length())));
        } else if (payload.equals("publisher")) {
            generations.incrementAndGet(PUBLISHERS);
        } else if (payload.equals("figure")) {
            generations.incrementAndGet(FIGURES);
        } else if (payload.equals("media")) {
            generations.incrementAndGet(MEDIA);
        } else {
            LOG.warnf("unknown change notification '%s'; dropping every cached answer", payload);
            invalidateAll();
        }
    }

    void listening(boolean now) {
        if (listening != now) {
            // whatever changed while nobody listened is unknown, so nothing cached before is trusted after
            invalidateAll();
            listening = now;
        }
    }

    void invalidateAll() {
        for (int i = 0; i < generations.length(); i++) {
            generations.incrementAndGet(i);
        }
        entries.invalidateAll();
    }

    /**
     * A barrier for a writer: a token to send through {@value #CHANNEL} after its commit, and a future completed when
     * the listener has received it, and so every change committed before it.
     */
    Barrier barrier() {
        String token = UUID.randomUUID().toString();
        CompletableFuture<Void> arrived = new CompletableFuture<>();
        barriers.put(token, arrived);
        return new Barrier(
                BARRIER + token,
                arrived.orTimeout(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((ignored, failure) -> barriers.remove(token)));
    }

    record Barrier(String payload, CompletableFuture<Void> arrived) {}

    private static int[] counters(String path, Map<String, List<String>> query) {
        String[] segments = path.split("/");
        // /api/v1/articles/{id}: segments "", "api", "v1", "articles", id
        if (segments.length == 5 && segments[3].equals("articles") && isUuid(segments[4])) {
            return new int[] {PUBLISHERS, stripe(segments[4])};
        }
        if (segments.length == 4 && segments[3].equals("articles")) {
            String facet = listFacet(query);
            if (facet != null) {
                return new int[] {PUBLISHERS, ANY_FACET, facetStripe(facet)};
            }
        }
        boolean mediaFeed = segments.length > 4 && segments[3].equals("sync") && segments[4].equals("media");
        if (segments.length > 3 && segments[3].startsWith("media") || mediaFeed) {
            return new int[] {MEDIA, ARTICLES, PUBLISHERS};
        }
        if (segments.length > 3 && segments[3].endsWith("-figures")) {
            return new int[] {FIGURES, ARTICLES, PUBLISHERS};
        }
        return new int[] {ARTICLES, PUBLISHERS};
    }

    /**
     * What an article list depends on: the facets of its filters, publisher, category and region, joined in that order
     * ("p:<slug>", "c:本地新闻", "r:330000"). Any article that a change can add to the list, take from it or change in it
     * matches every filter of the list before or after the change, so the change names each of those facets and
     * {@link #listKeysTouched} makes their combination. Null for a list without those filters, which any change can
     * touch. A filter given other than once is left out: fewer filters only make the list depend on more changes.
     */
    static String listFacet(Map<String, List<String>> query) {
        StringJoiner key = new StringJoiner(FACET_SEPARATOR);
        String publisher = single(query, "publisher");
        if (publisher != null) {
            key.add("p:" + publisher.toLowerCase(Locale.ROOT));
        }
        String category = single(query, "category");
        if (category != null) {
            key.add("c:" + category);
        }
        String region = single(query, "region");
        if (region != null) {
            key.add("r:" + region);
        }
        return key.length() == 0 ? null : key.toString();
    }

    /**
     * The list keys ({@link #listFacet}) a change with these facets can touch: every publisher facet, category facet
     * and region facet alone, and every combination of one of each kind, in the order of {@link #listFacet}. The facets
     * of the row before and after a change come mixed, so some combinations belong to neither (a list of the old
     * publisher in the new category is dropped too): more than needed, never less. Null when a facet is of an unknown
     * kind, for which every filtered list must go.
     */
    static List<String> listKeysTouched(String[] facets) {
        List<String> publishers = new ArrayList<>(List.of(""));
        List<String> categories = new ArrayList<>(List.of(""));
        List<String> regions = new ArrayList<>(List.of(""));
        for (String facet : facets) {
            switch (facet.length() < 2 ? "" : facet.substring(0, 2)) {
                case "p:" -> publishers.add(facet);
                case "c:" -> categories.add(facet);
                case "r:" -> regions.add(facet);
                default -> {
                    return null;
                }
            }
        }
        List<String> keys = new ArrayList<>(publishers.size() * categories.size() * regions.size());
        for (String publisher : publishers) {
            for (String category : categories) {
                for (String region : regions) {
                    StringJoiner key = new StringJoiner(FACET_SEPARATOR);
                    for (String part : List.of(publisher, category, region)) {
                        if (!part.isEmpty()) {
                            key.add(part);
                        }
                    }
                    if (key.length() > 0) {
                        keys.add(key.toString());
                    }
                }
            }
        }
        return keys;
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
    }

    static int stripe(String articleId) {
        return FIRST_STRIPE + Math.floorMod(articleId.toLowerCase(Locale.ROOT).hashCode(), ARTICLE_STRIPES);
    }

    static int facetStripe(String facet) {
        return FIRST_STRIPE + ARTICLE_STRIPES + Math.floorMod(facet.hashCode(), FACET_STRIPES);
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
