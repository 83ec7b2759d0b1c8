package cn.fucai.cms.common.health;

import cn.fucai.cms.common.cache.ResponseCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jdbi.v3.core.Jdbi;

/**
 * Ready only when the database answers and holds every migration this build carries (Flyway's own history table,
 * read on each check); the built-in datasource check beside it tries a connection. Also says whether the response
 * cache is listening for changes, which does not make the service unready: it serves without the cache meanwhile.
 * Flyway's info() scans and checksums every migration of the build, too much for a load balancer that checks every
 * second: once it has named this build's latest migration, a check asks the history table for that one row, and only
 * when it is missing asks Flyway for the details.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

    @Inject
    Flyway flyway;

    @Inject
    ResponseCache cache;

    @Inject
    Jdbi jdbi;

    /** The latest migration this build carries, once Flyway has named it; null before. */
    private volatile String latestOfBuild;

    @Override
    public HealthCheckResponse call() {
        var health = HealthCheckResponse.named("database schema").withData("responseCacheListening", cache.active());
        try {
            if (latestOfBuild != null && applied(latestOfBuild)) {
                return health.withData("version", latestOfBuild)
                        .withData("pending", 0)
                        .up()
                        .build();
            }
            MigrationInfoService info = flyway.info();
            MigrationInfo current = info.current();
            MigrationInfo[] pending = info.pending();
            String version = current == null ? "none" : current.getVersion().getVersion();
            health.withData("version", version).withData("pending", pending.length);
            if (pending.length > 0) {
                health.withData(
                        "next",
                        Arrays.stream(pending)
                                .map(m -> m.getVersion().getVersion())
                                .findFirst()
                                .orElse(""));
            }
            if (pending.length == 0 && current != null) {
                latestOfBuild = version;
            }
            return health.status(pending.length == 0).build();
        } catch (RuntimeException e) {
            return health.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    private boolean applied(String version) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select exists (select 1 from flyway_schema_history where version = :version and success)")
                .bind("version", version)
                .mapTo(Boolean.class)
                .one());
    }
}
