package cn.fucai.cms.common.http;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The worker pool's default size: three threads a core, at least four, instead of Quarkus's 200. With 32 connections,
 * 32 threads taking turns on two cores spend up to twice the CPU on each read that 2 to 6 threads do
 * (docs/performance.md, "A small worker pool"); a small pool is safe because nothing holds a worker thread while a
 * client is slow ({@link PacedBody}). Below application.properties, so {@code QUARKUS_THREAD_POOL_MAX_THREADS} (or the
 * property) still sets it.
 */
public class WorkerThreads implements ConfigSource {

    static final String PROPERTY = "quarkus.thread-pool.max-threads";

    private final Map<String, String> properties =
            Map.of(PROPERTY, Integer.toString(forCores(Runtime.getRuntime().availableProcessors())));

    /** Three a core, at least four. */
    static int forCores(int cores) {
        return Math.max(4, 3 * cores);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "cms-worker-threads";
    }

    /** Below application.properties (250), above Quarkus's own defaults. */
    @Override
    public int getOrdinal() {
        return 200;
    }
}
