package cn.fucai.cms.support;

import static cn.fucai.cms.support.TestData.json;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A webhook receiver on 127.0.0.1 that accepts every delivery: for tests that count the events a write puts in the
 * outbox, which keeps only events someone subscribed to.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return new WebhookReceiver(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Subscribes this receiver to the publisher's events of these types, with the admin token. */
    public void subscribe(String publisher, List<String> events) {
        json().body(Map.of(
                        "url",
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                        "events",
                        events,
                        "publisher",
                        publisher))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
