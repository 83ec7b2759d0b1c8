package cn.fucai.cms.common.http;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The API's routes as its resources declare them: each path template with the methods it takes and, for each, the
 * media types it serves and reads. RESTEasy refuses some requests before it has chosen a method — a method the path
 * does not take (405), an Accept it cannot answer (406), a body type it does not read (415) — and then knows neither
 * the template nor which methods to list in {@code Allow}; to OPTIONS it lists every method of the resource class,
 * whatever the path. This table answers for it: {@code ProblemMappers} names the route of those refusals (the request
 * log and the HTTP metrics would otherwise take the path itself: each id a metric of its own, until Micrometer's 100
 * uri tags are spent and the routes not yet seen are not counted at all), the {@code Allow} of a 405 and the types of a
 * 406 or 415; OPTIONS is answered here, 404 where no route is.
 */
@ApplicationScoped
public class Routes {

    /** The route named for a refused request whose path no template matches (as the metrics write it). */
    public static final String UNMATCHED = "/UNMATCHED";

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    /** Methods in the order {@code Allow} lists them. */
    private static final List<String> METHOD_ORDER =
            List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** What one method of a route serves and reads, media types without their parameters, in alphabetical order. */
    public record Media(Set<String> produces, Set<String> consumes) {
        public Media {
            produces = Collections.unmodifiableSortedSet(new TreeSet<>(produces));
            consumes = Collections.unmodifiableSortedSet(new TreeSet<>(consumes));
        }
    }

    /** A path template, as RESTEasy names it ({@code /api/v1/articles/{id}}), and its methods. */
    public record Route(String template, Map<String, Media> methods) {

        /** The methods for {@code Allow}: HEAD wherever GET is, OPTIONS everywhere. */
        public String allow() {
            Set<String> allowed = new TreeSet<>(Comparator.comparingInt(Routes::rank));
            allowed.addAll(methods.keySet());
            if (methods.containsKey("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            return String.join(", ", allowed);
        }

        /** What the method serves ({@code true}) or reads, as a phrase: "application/json or text/csv". */
        public String media(String method, boolean produces) {
            Media media = methods.get("HEAD".equals(method) ? "GET" : method);
            Set<String> types = media == null ? Set.of() : produces ? media.produces() : media.consumes();
            return types.isEmpty() ? MediaType.APPLICATION_JSON : String.join(" or ", types);
        }
    }

    private record Entry(Route route, Pattern pattern, int literals) {}

    private final List<Entry> entries;

    Routes(BeanManager beans) {
        Map<String, Map<String, Media>> byTemplate = new LinkedHashMap<>();
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .forEach(resource -> collect(resource, byTemplate));
        entries = byTemplate.entrySet().stream()
                .map(route -> entry(new Route(route.getKey(), Map.copyOf(route.getValue()))))
                // as JAX-RS chooses: the template with the most literal characters first
                .sorted(Comparator.comparingInt(Entry::literals).reversed())
                .toList();
    }

    /**
     * The route whose template matches a path (still percent-encoded; a slash at its end, which RESTEasy ignores, is
     * ignored); the most literal one where several do.
     */
    public Optional<Route> match(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (Entry entry : entries) {
            if (entry.pattern().matcher(trimmed).matches()) {
                return Optional.of(entry.route());
            }
        }
        return Optional.empty();
    }

    /**
     * Names the route a refused request was for, in the request log and the HTTP metrics. Its path is matched as Vert.x
     * normalised it for RESTEasy ({@code //} as {@code /}, dot segments resolved).
     */
    public Optional<Route> name(RoutingContext request) {
        Optional<Route> route = match(request.normalizedPath());
        RouteTemplate.set(request.request(), route.map(Route::template).orElse(UNMATCHED));
        return route;
    }

    /** OPTIONS: the route's methods in {@code Allow}; no route, a 404. On the event loop, as every filter before it. */
    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public Response options(ContainerRequestContext context, RoutingContext request) {
        if (!"OPTIONS".equals(context.getMethod())) {
            return null;
        }
        Route route = name(request).orElseThrow(NotFoundException::new);
        return Response.ok().header(HttpHeaders.ALLOW, route.allow()).build();
    }

    private static void collect(Class<?> resource, Map<String, Map<String, Media>> byTemplate) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getMethods()) {
            String verb = verbOf(method);
            if (verb == null) {
                continue;
            }
            Path sub = method.getAnnotation(Path.class);
            String template = join(base, sub == null ? "" : sub.value());
            Media declared = new Media(
                    types(method, resource, Produces.class, Produces::value),
                    types(method, resource, Consumes.class, Consumes::value));
            byTemplate
                    .computeIfAbsent(template, t -> new LinkedHashMap<>())
                    .merge(
                            verb,
                            declared,
                            (a, b) -> new Media(union(a.produces(), b.produces()), union(a.consumes(), b.consumes())));
        }
    }

    /** The name of the method's HTTP method annotation (GET, POST, …); null for a method that is no endpoint. */
    private static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** The media types the method declares, else its class or the nearest superclass that does, without parameters. */
    private static <A extends Annotation> Set<String> types(
            Method method, Class<?> resource, Class<A> kind, Function<A, String[]> values) {
        List<AnnotatedElement> places = new ArrayList<>(List.of(method));
        for (Class<?> type = resource; type != null; type = type.getSuperclass()) {
            places.add(type);
        }
        return places.stream()
                .map(place -> place.getAnnotation(kind))
                .filter(Objects::nonNull)
                .findFirst()
                .map(found -> Stream.of(values.apply(found))
                        .flatMap(value -> Stream.of(value.split(",")))
                        .map(type -> type.split(";")[0].trim())
                        .collect(Collectors.toCollection(TreeSet::new)))
                .orElse(new TreeSet<>());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Entry entry(Route route) {
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        int at = 0;
        Matcher parameter = PARAMETER.matcher(route.template());
        while (parameter.find()) {
            regex.append(Pattern.quote(route.template().substring(at, parameter.start())))
                    .append("[^/]+");
            literals += parameter.start() - at;
            at = parameter.end();
        }
        regex.append(Pattern.quote(route.template().substring(at)));
        literals += route.template().length() - at;
        return new Entry(route, Pattern.compile(regex.toString()), literals);
    }

    private static int rank(String method) {
        int rank = METHOD_ORDER.indexOf(method);
        return rank < 0 ? METHOD_ORDER.size() : rank;
    }
}
