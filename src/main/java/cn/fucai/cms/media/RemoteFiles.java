package cn.fucai.cms.media;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.http.OutboundTargets;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.protocol.RedirectLocations;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches files of other sites for imports into the library, as a careful client: http(s) URLs of public hosts only,
 * checked again at every connection and redirect ({@link OutboundTargets}), at most three redirects, no cookies, no
 * Referer (WeChat serves a "not to be quoted" picture to other sites' Referers), no retries, and the whole fetch within
 * {@code cms.media.imports.timeout}. What the other site answers is refused with a message naming {@code url}.
 */
@ApplicationScoped
class RemoteFiles {

    /** Redirects followed: a CDN or a moved page takes one or two. */
    static final int MAX_REDIRECTS = 3;

    private final CloseableHttpClient http;
    private final OutboundTargets targets;
    private final Duration timeout;
    private final long maxBytes;

    RemoteFiles(MediaConfig config) {
        this.targets = new Targets(config.imports().allowedTargets().orElse(List.of()));
        this.timeout = config.imports().timeout();
        this.maxBytes = config.maxBytes();
        this.http = HttpClients.custom()
                .setConnectionManager(targets.connections(timeout, 20, 4))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeout))
                        .setMaxRedirects(MAX_REDIRECTS)
                        .setCircularRedirectsAllowed(false)
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .setUserAgent("fucai-cms-import/1")
                .build();
    }

    /** The import policy: as webhooks', plain http to public hosts allowed (many centres' sites have no https). */
    private static final class Targets extends OutboundTargets {
        Targets(List<String> allowed) {
            super(allowed, "imports", "CMS_MEDIA_IMPORTS_ALLOWED_TARGETS", true);
        }
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    /** Refuses a URL the service may not fetch, naming {@code url}; checked before anything is fetched. */
    void requireFetchable(String url) {
        String problem = targets.problem(url);
        if (problem != null) {
            throw new InvalidInputException("url", problem);
        }
    }

    /**
     * Fetches the file into {@code file} and returns its name; a 400 naming {@code url} when the site does not give it
     * (a refused address, no such host, an answer other than 200, too slow, too many redirects), a 413 past the
     * library's limit of bytes. Nothing more is read from an answer that is refused.
     */
    String fetch(String url, Path file) {
        requireFetchable(url);
        HttpGet get = new HttpGet(url);
        get.setHeader(HttpHeaders.ACCEPT, "image/webp,image/png,image/jpeg,image/gif,application/pdf;q=0.9");
        HttpClientContext context = HttpClientContext.create();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean fetched = false;
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, get, context);
            if (response.getCode() != 200) {
                throw new InvalidInputException(
                        "url", "answered " + response.getCode() + " " + response.getReasonPhrase() + ", not a file");
            }
            HttpEntity entity = response.getEntity();
            if (entity == null || entity.getContentLength() == 0) {
                throw new InvalidInputException("url", "answered with no file");
            }
            if (entity.getContentLength() > maxBytes) {
                throw new MediaTooLargeException("the file at url is larger than " + maxBytes + " bytes");
            }
            InputStream body = new Guarded(entity.getContent(), deadline, maxBytes);
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            fetched = true;
            RedirectLocations redirects = context.getRedirectLocations();
            return fileName(redirects.size() == 0 ? get.getUri() : redirects.get(redirects.size() - 1));
        } catch (OutboundTargets.RefusedTargetException refused) {
            throw new InvalidInputException("url", refused.getMessage());
        } catch (UnknownHostException unknown) {
            throw new InvalidInputException("url", "names a host that cannot be resolved");
        } catch (TooLarge large) {
            throw new MediaTooLargeException("the file at url is larger than " + maxBytes + " bytes");
        } catch (InterruptedIOException slow) {
            throw new InvalidInputException("url", "did not send the file within " + timeout.toSeconds() + " s");
        } catch (ClientProtocolException protocol) {
            throw new InvalidInputException(
                    "url",
                    protocol.getCause() instanceof RedirectException
                            ? "redirects more than " + MAX_REDIRECTS + " times, or in a circle"
                            : "answered outside HTTP's rules");
        } catch (URISyntaxException | IOException failed) {
            throw new InvalidInputException("url", "could not be fetched: the connection failed");
        } finally {
            if (!fetched) {
                // the connection goes first: closing an answer would otherwise read the rest of its body
                get.cancel();
            }
            if (response != null) {
                try {
                    response.close();
                } catch (IOException ignored) {
                    // the connection is gone either way
                }
            }
        }
    }

    /** The file's name: the last segment of the address it came from, as written there ("640" for WeChat's). */
    static String fileName(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String name = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        return name.isBlank() ? uri.getHost() : name;
    }

    /** The address kept as an item's provenance: scheme, host, port and path, without user, query or fragment. */
    static String provenance(String url) {
        try {
            URI uri = new URI(url);
            String kept =
                    new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
            return kept.length() <= 2000 ? kept : kept.substring(0, 2000);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a fetched URL that does not parse", e);
        }
    }

    /** Past the library's limit of bytes. */
    private static final class TooLarge extends IOException {}

    /** A body read by a deadline and up to a limit: a site sending a byte at a time, or without end, is cut off. */
    private static final class Guarded extends FilterInputStream {

        private final long deadline;
        private final long limit;
        private long read;

        Guarded(InputStream in, long deadline, long limit) {
            super(in);
            this.deadline = deadline;
            this.limit = limit;
        }

        private int counted(int n) throws IOException {
            read += Math.max(n, 0);
            if (read > limit) {
                throw new TooLarge();
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (System.nanoTime() > deadline) {
                throw new InterruptedIOException("past the deadline");
            }
            return counted(super.read(buffer, offset, length));
        }
    }
}
