package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The worker pool is sized for the cores, not Quarkus's 200, unless the property or its variable says otherwise. */
@QuarkusTest
class WorkerThreadsTest {

    @ConfigProperty(name = "quarkus.thread-pool.max-threads")
    int maxThreads;

    @Test
    void theServiceRunsThreeWorkerThreadsACoreAtLeastFour() {
        assertEquals(WorkerThreads.forCores(Runtime.getRuntime().availableProcessors()), maxThreads);
        assertEquals(4, WorkerThreads.forCores(1));
        assertEquals(6, WorkerThreads.forCores(2));
        assertEquals(48, WorkerThreads.forCores(16));
    }
}
