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

/**
 * Ready only when the database answers and holds every migration this build carries (Flyway's own history table,
 * read on each check); the built-in datasource check beside it tries a connection. Also says whether the response
 * cache is listening for changes, which does not make the service unready: it serves without the cache meanwhile.
 */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

    @Inject
    Flyway flyway;

    @Inject
    ResponseCache cache;

    @Override
    public HealthCheckResponse call() {
        var health = HealthCheckResponse.named("database schema").withData("responseCacheListening", cache.active());
        try {
            MigrationInfo current = flyway.info().current();
            MigrationInfo[] pending = flyway.info().pending();
            health.withData(
                            "version",
                            current == null ? "none" : current.getVersion().getVersion())
                    .withData("pending", pending.length);
            if (pending.length > 0) {
                health.withData(
                        "next",
                        Arrays.stream(pending)
                                .map(m -> m.getVersion().getVersion())
                                .findFirst()
                                .orElse(""));
            }
            return health.status(pending.length == 0).build();
        } catch (RuntimeException e) {
            return health.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
