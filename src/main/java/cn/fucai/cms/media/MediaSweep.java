package cn.fucai.cms.media;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Removes what the media store holds and no live item names: the objects of an upload whose row never committed (the
 * service stopped between the two), of items deleted since, and temporary files of interrupted writes. Objects younger
 * than the grace period are left, since an upload stores its objects before its row commits. One instance sweeps at a
 * time (a transaction-level advisory lock); the others skip that round.
 */
@ApplicationScoped
class MediaSweep {

    private static final Logger LOG = Logger.getLogger(MediaSweep.class);
    private static final long LOCK = 0x6d65646961L; // "media"

    @Inject
    MediaStore store;

    @Inject
    MediaConfig config;

    @Inject
    Jdbi jdbi;

    @Inject
    Clock clock;

    @Scheduled(every = "${cms.media.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        QuarkusTransaction.requiringNew().run(() -> {
            boolean mine = jdbi.withHandle(handle -> handle.createQuery("select pg_try_advisory_xact_lock(:lock)")
                    .bind("lock", LOCK)
                    .mapTo(Boolean.class)
                    .one());
            if (mine) {
                int removed = sweepOlderThan(Instant.now(clock).minus(config.sweepGrace()));
                if (removed > 0) {
                    LOG.infof("media sweep removed %d objects that no item names", removed);
                }
            }
        });
    }

    /** One sweep of the objects written before {@code before}; returns how many it removed. */
    int sweepOlderThan(Instant before) {
        Map<String, List<MediaStore.StoredObject>> byContent;
        try (Stream<MediaStore.StoredObject> objects = store.objects()) {
            byContent = objects.filter(object -> object.written().isBefore(before))
                    .collect(Collectors.groupingBy(object ->
                            object.key().substring(0, Math.min(64, object.key().length()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (byContent.isEmpty()) {
            return 0;
        }
        Set<String> named = new HashSet<>(jdbi.withHandle(handle -> handle.createQuery(
                        "select distinct sha256 from media where sha256 = any(:hashes) and deleted_at is null")
                .bind("hashes", byContent.keySet().toArray(String[]::new))
                .mapTo(String.class)
                .list()));
        int removed = 0;
        for (Map.Entry<String, List<MediaStore.StoredObject>> content : byContent.entrySet()) {
            for (MediaStore.StoredObject object : content.getValue()) {
                boolean interrupted = object.key().contains("/.upload-");
                if (interrupted || !named.contains(content.getKey())) {
                    try {
                        store.delete(object.key());
                        removed++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return removed;
    }
}
