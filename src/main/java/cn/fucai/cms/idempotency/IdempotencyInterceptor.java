package cn.fucai.cms.idempotency;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.Fingerprinted;
import cn.fucai.cms.common.http.Hashes;
import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.time.Timestamps;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.Caller;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Idempotent writes (IETF httpapi Idempotency-Key draft, as Stripe does them). A POST sent with an
 * {@code Idempotency-Key} runs in one transaction that first takes the key for the caller (its token): a request with
 * the same key still running gets 409 with Retry-After; a key already answered gets that answer again with
 * {@code Idempotent-Replayed: true} and writes nothing, or 422 when the request differs (method, target or body);
 * otherwise the write runs — its services join this transaction — and its answer is kept with the key, committed with
 * the write or not at all. A refused write (4xx) keeps nothing: it wrote nothing, so a retry runs again.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
class IdempotencyInterceptor {

    /** Response headers a resource sets that a replay repeats; the rest are the filters' and are set again. */
    private static final Set<String> KEPT_HEADERS = Set.of("location", "etag", "last-modified", "content-language");

    private static final Set<Class<? extends Annotation>> NOT_THE_BODY =
            Set.of(Context.class, PathParam.class, QueryParam.class, HeaderParam.class);

    @Inject
    HttpServerRequest request;

    @Inject
    AccessPolicy access;

    @Inject
    IdempotencyStore store;

    @Inject
    IdempotencyConfig config;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @AroundInvoke
    Object keepTheAnswer(InvocationContext invocation) throws Exception {
        String key = request.getHeader(Idempotent.KEY);
        if (key == null) {
            return invocation.proceed();
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidInputException(
                    Idempotent.KEY,
                    "must be 1 to 255 visible ASCII characters, such as a UUID; was "
                            + InvalidInputException.quoted(key));
        }
        Caller caller = access.caller();
        String scope = caller.actorId() != null
                ? (caller.tokenId() != null ? "token " : "account ") + caller.actorId()
                : "address " + caller.address();
        Fingerprint fingerprint = fingerprint(invocation);
        Instant now = Timestamps.now(clock);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!store.tryLock(scope, key)) {
                throw new RequestInFlightException(key);
            }
            Optional<KeptAnswer> kept = store.find(scope, key, now);
            if (kept.isPresent()) {
                if (!kept.get().fingerprint().equals(fingerprint.value())) {
                    throw new KeyReusedException(key);
                }
                return kept.get().replay(json);
            }
            Object result = invocation.proceed();
            store.keep(scope, key, kept(result, fingerprint.value()), now, now.plus(config.retention()));
            return result;
        });
    }

    /** The answer as kept: status, the headers the resource set, and the body as the client received it. */
    private KeptAnswer kept(Object result, String fingerprint) throws IOException {
        Response response = ((RestResponse<?>) result).toResponse();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getStringHeaders().forEach((name, values) -> {
            if (KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, List.copyOf(values));
            }
        });
        if (response.getEntity() == null) {
            return new KeptAnswer(fingerprint, response.getStatus(), headers, null);
        }
        MediaType type = response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType();
        headers.put("Content-Type", List.of(type.toString()));
        return new KeptAnswer(fingerprint, response.getStatus(), headers, json.writeValueAsBytes(response.getEntity()));
    }

    /**
     * What makes two requests the same: the method, the request target (path and query) and the body — an entity as
     * its JSON, a form as it says ({@link Fingerprinted}), a stream as its bytes while the write reads them.
     */
    private Fingerprint fingerprint(InvocationContext invocation) throws IOException {
        MessageDigest digest = Hashes.sha256();
        digest.update((request.method().name() + " " + request.uri() + "\n").getBytes(StandardCharsets.UTF_8));
        Object[] parameters = invocation.getParameters();
        Annotation[][] annotations = invocation.getMethod().getParameterAnnotations();
        DigestingStream stream = null;
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            if (isNotTheBody(annotations[i])) {
                continue;
            }
            Object part = parameters[i];
            if (part instanceof InputStream body) {
                stream = new DigestingStream(body, digest);
                parameters[i] = stream;
            } else if (part instanceof Fingerprinted fingerprinted) {
                parts.add(fingerprinted.fingerprint());
            } else if (part instanceof String text) {
                parts.add(text);
            } else if (part != null && !hasAnnotation(annotations[i], BeanParam.class)) {
                parts.add(new String(json.writeValueAsBytes(part), StandardCharsets.UTF_8));
            }
        }
        for (Object part : parts) {
            digest.update(((String) part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0x1f);
        }
        if (stream != null) {
            invocation.setParameters(parameters);
        }
        return new Fingerprint(digest, stream);
    }

    private static boolean isNotTheBody(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (NOT_THE_BODY.contains(annotation.annotationType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAnnotation(Annotation[] annotations, Class<? extends Annotation> type) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType() == type) {
                return true;
            }
        }
        return false;
    }

    /** A request's fingerprint; a streamed body counts once it has been read, to its end. */
    private static final class Fingerprint {
        private final MessageDigest digest;
        private final DigestingStream stream;
        private String value;

        Fingerprint(MessageDigest digest, DigestingStream stream) {
            this.digest = digest;
            this.stream = stream;
        }

        String value() {
            if (value == null) {
                try {
                    if (stream != null) {
                        stream.drain();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                value = Hashes.hex(digest.digest());
            }
            return value;
        }
    }

    /** A body stream that hashes what is read of it, and the rest when it is closed early or drained. */
    private static final class DigestingStream extends DigestInputStream {
        private boolean closed;

        DigestingStream(InputStream body, MessageDigest digest) {
            super(body, digest);
        }

        void drain() throws IOException {
            if (!closed) {
                transferTo(OutputStream.nullOutputStream());
            }
        }

        @Override
        public void close() throws IOException {
            drain();
            closed = true;
            super.close();
        }
    }
}
