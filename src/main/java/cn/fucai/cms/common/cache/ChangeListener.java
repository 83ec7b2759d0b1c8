package cn.fucai.cms.common.cache;

import cn.fucai.cms.common.replica.ReadRouting;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens to {@value ResponseCache#CHANNEL} on a connection of its own (a pooled one would be taken from the pool for
 * good) and hands every notification to the {@link ResponseCache} or, for what it stamps, to {@link ChangeStamps},
 * after telling {@link ReadRouting} how far a replica must have replayed to show it. When the connection breaks, the cache stops serving
 * until it is back, then starts from empty; reconnecting waits up to 5 s between tries.
 */
@ApplicationScoped
public class ChangeListener {

    /** The listener's connection shows under this name in pg_stat_activity. */
    public static final String APPLICATION_NAME = "cms-change-listener";

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 1000;

    private final ResponseCache cache;
    private final ChangeStamps stamps;
    private final ReadRouting routing;
    private final String url;
    private final String username;
    private final String password;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    ChangeListener(
            ResponseCache cache,
            ChangeStamps stamps,
            ReadRouting routing,
            ResponseCacheConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String username,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.cache = cache;
        this.stamps = stamps;
        this.routing = routing;
        this.url = config.listenerUrl().orElse(url);
        this.username = username;
        this.password = password;
        this.running = config.enabled() || routing.replicaConfigured();
    }

    void start(@Observes StartupEvent startup) {
        if (running) {
            thread = new Thread(this::listen, APPLICATION_NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        closeQuietly(connection);
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        long backoffMillis = 100;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("listen " + ResponseCache.CHANNEL);
                }
                cache.listening(true);
                stamps.listening(true);
                routing.listening(true);
                backoffMillis = 100;
                PGConnection notifications = listening.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        if (routing.replicaConfigured()) {
                            // before the cache drops what changed: a replica read that refills it must see the change
                            routing.mustSee(ReadRouting.position(listening));
                        }
                        for (PGNotification notification : received) {
                            if (!stamps.changed(notification.getParameter())) {
                                cache.changed(notification.getParameter());
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                routing.listening(false);
                stamps.listening(false);
                cache.listening(false);
                if (running) {
                    LOG.warnf(
                            "change listener disconnected (%s); public reads are not cached until it is back",
                            e.getMessage());
                }
            }
            routing.listening(false);
            stamps.listening(false);
            cache.listening(false);
            sleep(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, 5000);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, properties);
    }

    private void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing is all that is left to do
            }
        }
    }
}
