package cn.fucai.cms.common.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The types an Accept header refuses: RFC 9110 (12.4.2) reads a range with {@code q=0} as "not acceptable", but RESTEasy
 * only orders the ranges by their q, and served JSON to {@code Accept: application/json;q=0}. Where a route serves no
 * type the Accept takes, the request gets the 406 RESTEasy gives for a type it does not serve, naming what it serves.
 */
@ApplicationScoped
public class AcceptRefusals {

    /** A q of zero (0, 0.0, 0.00, 0.000), the only case RESTEasy gets wrong; every other Accept is left to it. */
    private static final Pattern QUALITY_ZERO = Pattern.compile("(?i);\\s*q\\s*=\\s*0(?:\\.0{0,3})?\\s*(?:[;,]|$)");

    @Inject
    Routes routes;

    /** Before RESTEasy chooses a method; on the event loop, as every filter before it. */
    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public void refuseWhatTheAcceptExcludes(ContainerRequestContext context, RoutingContext request) {
        String accept = context.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !QUALITY_ZERO.matcher(accept).find()) {
            return;
        }
        String method = "HEAD".equals(context.getMethod()) ? "GET" : context.getMethod();
        Routes.Media media = routes.match(request.normalizedPath())
                .map(route -> route.methods().get(method))
                .orElse(null);
        if (media == null) {
            return; // a 404 or 405 follows
        }
        Set<String> served = media.produces().isEmpty() ? Set.of(MediaType.APPLICATION_JSON) : media.produces();
        if (served.stream().noneMatch(type -> takes(accept, type))) {
            throw new NotAcceptableException();
        }
    }

    /**
     * Whether the Accept takes this type: the most specific of its ranges that match the type (the type itself, then
     * its {@code type/*}, then {@code *}{@code /*}) has a q above zero. A route that serves any type (a media file,
     * {@code *}{@code /*}) is taken by any range with a q above zero: which type it is, only the file knows. A range
     * that does not parse matches nothing.
     */
    static boolean takes(String accept, String type) {
        MediaType served = MediaType.valueOf(type);
        int specificity = -1;
        double quality = 0;
        for (String range : accept.split(",")) {
            MediaType listed;
            try {
                listed = MediaType.valueOf(range.strip());
            } catch (IllegalArgumentException unparsable) {
                continue;
            }
            if (served.isWildcardType() && quality(listed) > 0) {
                return true;
            }
            if (served.isWildcardType() || !listed.isCompatible(served)) {
                continue;
            }
            int rank = listed.isWildcardType() ? 0 : listed.isWildcardSubtype() ? 1 : 2;
            double q = quality(listed);
            if (rank > specificity || (rank == specificity && q > quality)) {
                specificity = rank;
                quality = q;
            }
        }
        return quality > 0;
    }

    private static double quality(MediaType range) {
        return range.getParameters().entrySet().stream()
                .filter(parameter -> parameter.getKey().equalsIgnoreCase("q"))
                .findFirst()
                .map(q -> {
                    try {
                        return Double.parseDouble(q.getValue());
                    } catch (NumberFormatException notANumber) {
                        return 1.0;
                    }
                })
                .orElse(1.0);
    }
}
