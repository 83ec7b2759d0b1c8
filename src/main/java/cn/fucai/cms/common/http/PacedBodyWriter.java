package cn.fucai.cms.common.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Sends a {@link PacedBody}: a chunk is read on a worker thread, written from the connection's event loop, and the next
 * one read only when Vert.x has room for it (its write queue drained); between chunks no thread waits. The source is
 * closed and the request finished exactly once: at the end, on a failed read, or when the client leaves.
 */
@Provider
public class PacedBodyWriter implements ServerMessageBodyWriter<PacedBody> {

    private static final Logger LOG = Logger.getLogger(PacedBodyWriter.class);
    private static final int CHUNK_BYTES = 64 * 1024;

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return type == PacedBody.class;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == PacedBody.class;
    }

    @Override
    public void writeResponse(PacedBody body, Type genericType, ServerRequestContext context) {
        ResteasyReactiveRequestContext request = (ResteasyReactiveRequestContext) context;
        RoutingContext exchange = request.serverRequest().unwrap(RoutingContext.class);
        request.suspend();
        // from here on, on the connection's event loop
        request.getContextExecutor().execute(() -> new Transfer(body, exchange, request).start());
    }

    /** Only when a writer interceptor stands in the way: then the worker thread copies, blocking, as it must. */
    @Override
    public void writeTo(
            PacedBody body,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        try (InputStream in = body.source()) {
            in.transferTo(out);
        }
    }

    /** One body on its way: read, write, wait for room, again. Every step after the first runs on the event loop. */
    private static final class Transfer {
        private final InputStream source;
        private final long length;
        private final RoutingContext exchange;
        private final HttpServerResponse response;
        private final ResteasyReactiveRequestContext request;
        private final Context loop;
        private final AtomicBoolean finished = new AtomicBoolean();

        Transfer(PacedBody body, RoutingContext exchange, ResteasyReactiveRequestContext request) {
            this.source = body.source();
            this.length = body.length();
            this.exchange = exchange;
            this.response = exchange.response();
            this.request = request;
            this.loop = Vertx.currentContext();
        }

        void start() {
            // called when the answer has gone, and also when the client leaves first
            exchange.addEndHandler(ended -> finish(null));
            if (response.closed()) {
                finish(null);
                return;
            }
            readNext();
        }

        private void readNext() {
            loop.<Buffer>executeBlocking(this::read, false).onComplete(this::send);
        }

        private Buffer read() throws IOException {
            byte[] chunk = source.readNBytes(CHUNK_BYTES);
            return chunk.length == 0 ? null : Buffer.buffer(chunk);
        }

        private void send(AsyncResult<Buffer> read) {
            if (finished.get()) {
                return;
            }
            if (read.failed()) {
                finish(read.cause());
                return;
            }
            try {
                if (read.result() == null) {
                    response.end();
                    finish(null);
                } else {
                    write(read.result());
                }
            } catch (RuntimeException e) { // the response refused the bytes: end here, not in Vert.x's handler
                finish(e);
            }
        }

        private void write(Buffer chunk) {
            if (!response.headWritten()) {
                // only now: a source that fails on its first read still gets a problem, with its own length
                if (length >= 0) {
                    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
                } else {
                    response.setChunked(true);
                }
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                // once: a handler left in place would start a second reader at the next drain
                response.drainHandler(drained -> {
                    response.drainHandler(null);
                    readNext();
                });
            } else {
                readNext();
            }
        }

        private void finish(Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                source.close();
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing a paced body's source: %s", e);
            }
            if (failure == null || response.closed()) {
                request.resume();
            } else if (response.headWritten()) {
                // too late for a problem: cut the connection, so the client sees a short body, never a complete one
                LOG.warnf("a paced body failed after %d bytes: %s", response.bytesWritten(), failure);
                response.reset();
                request.resume();
            } else {
                // the problem is written by the writers of its own type, not this body's
                request.resetBuildTimeSerialization();
                request.setResponseContentType((MediaType) null);
                request.resume(failure);
            }
        }
    }
}
