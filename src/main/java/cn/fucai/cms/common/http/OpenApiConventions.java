package cn.fucai.cms.common.http;

import cn.fucai.cms.common.error.ProblemResponsesFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * What the API means by the same words, written down once for the OpenAPI document: a parameter called
 * {@code publisher}, {@code region}, {@code locale}, {@code If-Match} or {@code id} means the same on every operation,
 * and so do the headers and statuses that go with them (the ETag of a read, the Location of a 201, the Link of a page,
 * the 412 of a conditional write, the 404 of an id in the path, the 401 and 403 of a token). Resources annotate only
 * what is their own; an annotation always wins over a convention. OpenApiDocumentTest fails on any parameter or
 * response left without a description, ResponsesMatchTheDocumentTest on a header sent but not documented.
 * <p>
 * The one filter the document is built with: the conventions first, then {@link ProblemResponsesFilter} gives every
 * error status, these included, its problem+json body.
 */
public class OpenApiConventions implements OASFilter {

    /** What Quarkus writes for the 400, 401 and 403 it adds on its own; the conventions say more. */
    private static final Set<String> PLACEHOLDERS = Set.of("Bad Request", "Not Authorized", "Not Allowed");

    private static final Pattern FIGURE_KIND = Pattern.compile("/api/v1/([a-z-]+)-figures\\b");

    /** Filters of fund figures alone: the other kinds refuse them, so their operations do not list them. */
    private static final Set<String> FUND_ONLY = Set.of("flow", "purpose");

    private static final String UUID_EXAMPLE = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11";

    /** The extension that exempts a POST from the Idempotency-Key convention. */
    public static final String NOT_IDEMPOTENT = "x-idempotent";

    /**
     * The extension of a multipart upload that also takes the file's bytes as the body, with the form's other fields as
     * query parameters and the name in Content-Disposition: its value lists the body's media types, comma-separated.
     */
    public static final String BYTES_AS_BODY = "x-bytes-as-body";

    /** The header that carries a session's CSRF token; {@link Credentials} has the cookie. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final String TOKEN_SCHEME = "apiToken";
    private static final String SESSION_SCHEME = "sessionCookie";

    private static final String MOMENT_OR_DAY = "RFC 3339 timestamp, or a date meaning that day in China Standard Time";

    /** A parameter's meaning; {@code text} documents it as a plain string where its Java type would say otherwise. */
    private record Meaning(String description, String example, boolean text) {}

    private static final Map<String, Meaning> PARAMETERS = Map.ofEntries(
            meaning("query publisher", "Publisher id or slug", "wenzhou-fucai"),
            meaning("path idOrSlug", "Publisher id or slug", "wenzhou-fucai"),
            meaning("query region", "GB/T 2260 code; includes sub-regions", "330000"),
            meaning(
                    "query locale",
                    "BCP 47 locale to serve; wins over Accept-Language. Falls back to the original where no translation"
                            + " exists",
                    "en"),
            meaning("header Accept-Language", "Preferred locales, when `locale` is not given", "en-GB,en;q=0.8"),
            Map.entry("query publishedFrom", new Meaning(MOMENT_OR_DAY + ", inclusive", "2020-01-01", true)),
            meaning("query publishedTo", MOMENT_OR_DAY + ", inclusive", "2021-12-31"),
            Map.entry(
                    "query asOf",
                    new Meaning("RFC 3339 moment: the values as they were known then", "2020-03-01T00:00:00Z", true)),
            meaning("query category", "Exact category", "本地新闻"),
            meaning(
                    "query fields",
                    "Comma-separated properties to send of each item (of the resource itself on a single read); the"
                            + " others are left out, though the schema lists them. An unknown one is a 400",
                    "id,title,publishedAt"),
            meaning(
                    "header If-Match",
                    "The ETag you read: if the resource has changed since, nothing is written and the answer is 412."
                            + " Without it the write is unconditional",
                    null));

    private static Map.Entry<String, Meaning> meaning(String parameter, String description, String example) {
        return Map.entry(parameter, new Meaning(description, example, false));
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        applyConventions(openAPI);
        new ProblemResponsesFilter().filterOpenAPI(openAPI);
    }

    private static void applyConventions(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            String noun = nounOf(path.getKey());
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                operation.setOperationId(operationId(operation.getOperationId(), path.getKey()));
                if (operation.getParameters() != null && isFigureButNotFund(path.getKey())) {
                    withoutFundFilters(openAPI, operation);
                }
                List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
                for (Parameter parameter : parameters) {
                    describe(parameter, noun);
                }
                bytesAsBody(operation);
                if (entry.getKey() == PathItem.HttpMethod.POST && !notIdempotent(operation)) {
                    idempotent(operation);
                }
                sessionAlternative(operation, entry.getKey() != PathItem.HttpMethod.GET);
                if (operation.getResponses() != null) {
                    respond(operation, entry.getKey() == PathItem.HttpMethod.GET, parameters, noun);
                }
            }
        }
    }

    /**
     * Every POST is an idempotent write ({@link Idempotent}): it takes the Idempotency-Key header, may answer 409 while
     * a request with the same key runs and 422 when the key was used for another request, and marks a replay.
     */
    private static void idempotent(Operation operation) {
        operation.addParameter(OASFactory.createParameter()
                .name(Idempotent.KEY)
                .in(Parameter.In.HEADER)
                .description("A key of your own for this request (1 to 255 visible ASCII characters, a UUID will do):"
                        + " a retry with the same key and the same request within CMS_IDEMPOTENCY_RETENTION (24 h) gets"
                        + " the first answer again and writes nothing")
                .example("5f0c3f0e-8a7b-4c1e-9d2a-6b1e2c3d4e5f")
                .schema(text().maxLength(255)));
        if (operation.getResponses() == null) {
            return;
        }
        String inFlight = "a request with the same Idempotency-Key is still running: send it again after Retry-After";
        APIResponse conflict = operation.getResponses().getAPIResponse("409");
        if (conflict == null || PLACEHOLDERS.contains(conflict.getDescription())) {
            addIfMissing(operation, "409", capitalized(inFlight));
        } else {
            conflict.description(conflict.getDescription() + "; or " + inFlight);
        }
        addHeader(
                operation.getResponses().getAPIResponse("409"),
                "Retry-After",
                "Seconds to wait, when a request with the same Idempotency-Key is still running");
        addIfMissing(operation, "422", "The Idempotency-Key was used for a different request; nothing was written");
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                addHeader(
                        response,
                        Idempotent.REPLAYED,
                        "`true` when this is the kept answer to an earlier request" + " with the same Idempotency-Key");
            }
        });
    }

    /**
     * An operation marked {@code x-idempotent: false} (sign-in: each opens a session of its own). SmallRye copies an
     * operation's extension onto its responses too: it is kept on the operation only.
     */
    private static boolean notIdempotent(Operation operation) {
        if (operation.getExtensions() == null || operation.getExtensions().get(NOT_IDEMPOTENT) == null) {
            return false;
        }
        if (operation.getResponses() != null) {
            operation.getResponses().removeExtension(NOT_IDEMPOTENT);
            operation.getResponses().getAPIResponses().values().forEach(r -> r.removeExtension(NOT_IDEMPOTENT));
        }
        return "false".equals(String.valueOf(operation.getExtensions().get(NOT_IDEMPOTENT)));
    }

    /**
     * An upload marked {@link #BYTES_AS_BODY}: the bytes in any of the media types it lists, as a binary body after the
     * multipart form; each field of the form but the file also as an optional query parameter, described by the form
     * (the form's own fields say which are required); the file's name in Content-Disposition.
     */
    private static void bytesAsBody(Operation operation) {
        Object types = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get(BYTES_AS_BODY);
        if (types == null) {
            return;
        }
        operation.removeExtension(BYTES_AS_BODY);
        if (operation.getResponses() != null) {
            operation.getResponses().removeExtension(BYTES_AS_BODY);
            operation.getResponses().getAPIResponses().values().forEach(r -> r.removeExtension(BYTES_AS_BODY));
        }
        var content = operation.getRequestBody().getContent();
        Schema form = content.getMediaType(MediaType.MULTIPART_FORM_DATA).getSchema();
        form.getProperties().forEach((name, field) -> {
            if (!"binary".equals(field.getFormat())) {
                String meaning = field.getDescription() == null ? name : field.getDescription();
                boolean required =
                        form.getRequired() != null && form.getRequired().contains(name);
                operation.addParameter(OASFactory.createParameter()
                        .name(name)
                        .in(Parameter.In.QUERY)
                        .description(
                                (required ? "With the bytes as the body, required: " : "With the bytes as the body: ")
                                        + uncapitalized(meaning))
                        .schema(field));
            }
        });
        operation.addParameter(OASFactory.createParameter()
                .name(HttpHeaders.CONTENT_DISPOSITION)
                .in(Parameter.In.HEADER)
                .description("With the bytes as the body: the file's name, as `filename` or RFC 6266 `filename*`")
                .example("attachment; filename*=UTF-8''%E5%85%AC%E5%91%8A.pdf")
                .schema(text()));
        // after the form: generators write their client for the first body only, and openapi-generator 7.25 leaves an
        // import of the form's model, which it does not write, when the form is not first (issue 24727)
        for (String type : String.valueOf(types).split(",\\s*")) {
            content.addMediaType(type, OASFactory.createMediaType().schema(text().format("binary")));
        }
    }

    /**
     * Where a token is taken, the session cookie of a signed-in person is too, with the same roles. A write that needs
     * either then also takes the session's CSRF token, required with the cookie.
     */
    private static void sessionAlternative(Operation operation, boolean write) {
        if (operation.getSecurity() == null) {
            return;
        }
        List<String> roles = null;
        boolean open = false;
        for (SecurityRequirement requirement : operation.getSecurity()) {
            if (requirement.hasScheme(TOKEN_SCHEME)) {
                roles = requirement.getScheme(TOKEN_SCHEME);
            }
            open |= requirement.getSchemes() == null || requirement.getSchemes().isEmpty();
        }
        if (roles == null || operation.getSecurity().stream().anyMatch(r -> r.hasScheme(SESSION_SCHEME))) {
            return;
        }
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SESSION_SCHEME, roles));
        if (write && !open) {
            operation.addParameter(OASFactory.createParameter()
                    .name(CSRF_HEADER)
                    .in(Parameter.In.HEADER)
                    .description("With the session cookie only, and then required: the session's CSRF token"
                            + " (`csrfToken` of the sign-in answer and of `GET /api/v1/session`); without it the write"
                            + " is refused (403)")
                    .schema(text().maxLength(100)));
        }
    }

    private static void describe(Parameter parameter, String noun) {
        String in = parameter.getIn().toString();
        if (in.equals("path") && parameter.getName().equals("id") && parameter.getDescription() == null) {
            parameter.description(capitalized(noun) + " id").example(UUID_EXAMPLE);
            return;
        }
        Meaning meaning = PARAMETERS.get(in + " " + parameter.getName());
        if (meaning == null) {
            return;
        }
        if (meaning.text()) {
            parameter.schema(text());
        }
        if (parameter.getDescription() == null) {
            parameter.description(meaning.description());
            if (meaning.example() != null) {
                parameter.example(meaning.example());
            }
        }
    }

    private static void respond(Operation operation, boolean read, List<Parameter> parameters, String noun) {
        boolean conditional = has(parameters, "header", "If-Match");
        boolean paged = has(parameters, "query", "cursor");
        boolean identified = has(parameters, "path", "id") || has(parameters, "path", "idOrSlug");
        // a public operation lists an empty requirement beside the token: the token is optional there
        boolean secured = operation.getSecurity() != null
                && !operation.getSecurity().isEmpty()
                && operation.getSecurity().stream()
                        .noneMatch(requirement -> requirement.getSchemes() == null
                                || requirement.getSchemes().isEmpty());
        boolean parsed = parameters.stream().anyMatch(OpenApiConventions::parsed);
        boolean bodied = operation.getRequestBody() != null;
        if (bodied || parsed) {
            addIfMissing(
                    operation,
                    "400",
                    bodied
                            ? "Invalid body or parameter: each bad one is named; nothing was written"
                            : "A parameter is not valid: the answer names it");
        }
        if (secured) {
            addIfMissing(
                    operation, "401", "No token or session, or a token that is unknown, expired, revoked or malformed");
            addIfMissing(
                    operation,
                    "403",
                    read
                            ? "The caller's role or publisher scope does not allow this"
                            : "The caller's role or publisher scope does not allow this, or the session cookie came"
                                    + " without its X-CSRF-Token");
        }
        if (identified) {
            addIfMissing(operation, "404", "No such " + noun);
        }
        if (conditional) {
            addIfMissing(operation, "412", "If-Match names an old version; nothing was written");
        }
        for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
            if (response.getHeaders() != null) {
                response.getHeaders().values().stream()
                        .filter(header -> header.getSchema() == null)
                        .forEach(header -> header.schema(text()));
            }
        }
        APIResponse created = operation.getResponses().getAPIResponse("201");
        if (created != null) {
            addHeader(created, "Location", "Where the new resource is");
        }
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok != null && ok.getContent() != null && ok.getContent().hasMediaType("application/json")) {
            if (read) {
                addHeader(ok, "ETag", "Entity tag for If-None-Match, and for If-Match on a write");
            } else if (conditional) {
                addHeader(ok, "ETag", "Entity tag of the new version, for the next If-Match");
            }
            if (paged) {
                addHeader(ok, "Link", "`<...>; rel=\"next\"` when there is a next page");
            }
        }
    }

    /**
     * Operation ids are the resource methods' names ({@code listArticles}, AIP-136 verbs). The methods every kind of
     * figure inherits say "Figure" ({@code createFigure}); under {@code /api/v1/fund-figures} that becomes
     * {@code createFundFigure}.
     */
    static String operationId(String methodName, String path) {
        Matcher kind = FIGURE_KIND.matcher(path);
        return kind.lookingAt() ? methodName.replace("Figure", pascal(kind.group(1)) + "Figure") : methodName;
    }

    /** Drops the fund-only filters, and the fund-only groupings of a summary, from another kind's operation. */
    private static void withoutFundFilters(OpenAPI openAPI, Operation operation) {
        operation.setParameters(operation.getParameters().stream()
                .filter(parameter -> !FUND_ONLY.contains(parameter.getName()))
                .toList());
        Schema groupings = openAPI.getComponents().getSchemas().get("GroupBy");
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getName().equals("groupBy") && groupings != null) {
                parameter.schema(text().enumeration(groupings.getEnumeration().stream()
                        .filter(value -> !FUND_ONLY.contains(value.toString()))
                        .toList()));
            }
        }
    }

    private static boolean isFigureButNotFund(String path) {
        return FIGURE_KIND.matcher(path).lookingAt() && !path.startsWith("/api/v1/fund-figures");
    }

    private static String pascal(String kebab) {
        StringBuilder name = new StringBuilder();
        for (String word : kebab.split("-")) {
            name.append(capitalized(word));
        }
        return name.toString();
    }

    /** {@code /api/v1/fund-figures/{id}/corrections} is about a "fund figure": the collection before the id. */
    static String nounOf(String path) {
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
                String collection = segments[i - 1].replace('-', ' ');
                return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
            }
        }
        return "resource";
    }

    /** Whether a bad value of it is a 400: a query parameter, or a path parameter that is more than any text. */
    private static boolean parsed(Parameter parameter) {
        String in = parameter.getIn().toString();
        Schema schema = parameter.getSchema();
        boolean text = schema != null
                && schema.getRef() == null
                && schema.getType() != null
                && schema.getType().equals(List.of(Schema.SchemaType.STRING));
        return in.equals("query") || (in.equals("path") && !text);
    }

    private static boolean has(List<Parameter> parameters, String in, String name) {
        return parameters.stream()
                .anyMatch(p -> p.getIn().toString().equals(in) && p.getName().equals(name));
    }

    /** Adds the response, or words it where Quarkus left only a placeholder ("Not Authorized"). */
    private static void addIfMissing(Operation operation, String status, String description) {
        APIResponse response = operation.getResponses().getAPIResponse(status);
        if (response == null) {
            operation
                    .getResponses()
                    .addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        } else if (PLACEHOLDERS.contains(response.getDescription())) {
            response.description(description);
        }
    }

    private static void addHeader(APIResponse response, String name, String description) {
        Header header =
                response.getHeaders() == null ? null : response.getHeaders().get(name);
        if (header == null) {
            response.addHeader(
                    name, OASFactory.createHeader().description(description).schema(text()));
        } else {
            if (header.getDescription() == null) {
                header.description(description);
            }
            if (header.getSchema() == null) {
                header.schema(text());
            }
        }
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    /** "Title, in …" becomes "title, in …"; "BCP 47 tag" stays as it is. */
    private static String uncapitalized(String phrase) {
        return phrase.length() > 1 && Character.isLowerCase(phrase.charAt(1))
                ? Character.toLowerCase(phrase.charAt(0)) + phrase.substring(1)
                : phrase;
    }

    private static String capitalized(String noun) {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
