package cn.fucai.cms.common.replica;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Reads from a streaming replica ({@link ReadRouting}). The replica itself is the datasource named {@code replica},
 * whose JDBC URL is CMS_REPLICA_JDBC_URL: without it, every read goes to the primary.
 */
@ConfigMapping(prefix = "cms.replica")
public interface ReplicaConfig {

    /** Longest a read waits for the replica to replay what it must see before it goes to the primary (CMS_REPLICA_MAX_WAIT). */
    @WithDefault("50ms")
    Duration maxWait();

    /** How long reads stay on the primary after the replica failed to answer (CMS_REPLICA_PAUSE_AFTER_FAILURE). */
    @WithDefault("2s")
    Duration pauseAfterFailure();
}
