package cn.fucai.cms.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The public address of this deployment (CMS_PUBLIC_URL), from which every absolute URL in an answer is built
 * (Location, Atom ids and links): never from the request's Host header, which any client can forge and which a cached
 * answer would hand on to every reader. Resources build Location from their UriInfo as JAX-RS has them do; the
 * response filter here moves it to the public address, so that no operation can forget to.
 */
@ApplicationScoped
public class PublicUrl {

    private final String base;

    PublicUrl(HttpConfig config) {
        String base = config.publicUrl();
        URI parsed = URI.create(base.strip());
        if (!parsed.isAbsolute()
                || parsed.getHost() == null
                || !(parsed.getScheme().equals("http") || parsed.getScheme().equals("https"))
                || parsed.getRawQuery() != null
                || parsed.getRawFragment() != null) {
            throw new IllegalStateException(
                    "CMS_PUBLIC_URL must be an absolute http or https URL without query, such as "
                            + "https://cms.example.org; it is " + base);
        }
        this.base = parsed.toString().replaceAll("/+$", "");
    }

    @ServerResponseFilter
    public void publicLocation(ContainerResponseContext response) {
        if (response.getHeaders().getFirst(HttpHeaders.LOCATION) instanceof URI location) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, rebase(location));
        } else if (response.getHeaderString(HttpHeaders.LOCATION) != null) {
            response.getHeaders()
                    .putSingle(
                            HttpHeaders.LOCATION, rebase(URI.create(response.getHeaderString(HttpHeaders.LOCATION))));
        }
    }

    /** Whether readers reach this deployment over https: then cookies are Secure. */
    public boolean isHttps() {
        return base.startsWith("https:");
    }

    /** The public URL of a path of this service ("/api/v1/articles/…"), with its query if it has one. */
    public URI of(String pathAndQuery) {
        return URI.create(base + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery);
    }

    /** The same path and query as a URL built from the request, at the public address instead of the request's host. */
    public URI rebase(URI requestDerived) {
        String query = requestDerived.getRawQuery();
        return of(requestDerived.getRawPath() + (query == null ? "" : "?" + query));
    }
}
