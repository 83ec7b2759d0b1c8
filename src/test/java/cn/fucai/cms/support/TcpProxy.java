package cn.fucai.cms.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to the test database that a test can cut off and restore, or slow down: down, it drops every open
 * connection and refuses new ones at once, as a database that crashed or a network that failed would; with a latency,
 * everything the database sends arrives that much later, as over a slow link.
 */
public final class TcpProxy {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;
    private volatile long latencyMillis;
    private String database = "/cms_test";

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "tcp-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay to the test database (CMS_TEST_DATABASE_URL). */
    public static TcpProxy toTestDatabase() {
        URI database = URI.create(TestDatabase.URL.substring("jdbc:".length()));
        try {
            TcpProxy relay = new TcpProxy(database.getHost(), database.getPort() < 0 ? 5432 : database.getPort());
            relay.database = database.getPath();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of the test database through this relay. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + database;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Up relays; down closes every open connection and every new one. */
    public void setUp(boolean now) {
        up = now;
        if (!now) {
            open.forEach(TcpProxy::close);
            open.clear();
        }
    }

    /** Holds back everything the database sends by this long; zero relays at once. */
    public void setLatency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    close(client);
                    continue;
                }
                Socket target = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(target);
                pump(client, target, false);
                pump(target, client, true);
            } catch (IOException e) {
                // a refused or broken connection: the next one is tried
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromDatabase) {
        Thread thread = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        byte[] buffer = new byte[8192];
                        for (int read; (read = in.read(buffer)) >= 0; ) {
                            if (fromDatabase && latencyMillis > 0) {
                                Thread.sleep(latencyMillis);
                            }
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        // the other side went away
                    } finally {
                        close(from);
                        close(to);
                    }
                },
                "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
