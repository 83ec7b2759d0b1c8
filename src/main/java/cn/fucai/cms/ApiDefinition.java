package cn.fucai.cms;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The API as a whole, for the OpenAPI document: what it is, a short guide to its conventions (rendered by Swagger UI)
 * and how callers authenticate. Servers come from configuration (CMS_PUBLIC_URL).
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Welfare-lottery content API",
                        version = "1.0.0",
                        contact = @Contact(name = "Welfare-lottery content API maintainers"),
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0"),
                        description = """
                Articles, publishers, GB/T 2260 regions, and the sales and public-welfare fund (公益金) figures of China's
                welfare-lottery centres, as JSON.

                **Pagination.** Collections answer `{"items": [...], "nextCursor": "..."}` and a `Link: <...>; rel="next"`
                header. Pass `cursor` back unchanged to read on; cursors are opaque keyset positions, so deep pages cost
                what the first does, and a cursor from one query is refused by another.

                **Errors.** Every 4xx and 5xx is `application/problem+json` (RFC 9457) with `type`, `title`, `status`,
                `detail`, `instance` and, for invalid input, `violations` naming each field. Nothing is written when a
                request is refused.

                **Caching.** Reads carry a strong `ETag` (and `Last-Modified` where there is one); send it back in
                `If-None-Match` for a 304 without a body. Anonymous reads are `Cache-Control: public`; reads with a
                token or a session are `private, no-store`. Writes take `If-Match` and answer 412 when someone changed the resource
                since you read it.

                **Sync.** Partner mirrors follow `GET /api/v1/sync/articles`: without a cursor a snapshot of every
                published article, then every change since, including deletions and unpublishing as `remove` items.
                Keep `nextCursor`, poll with it, and apply pages in order. Webhooks, signed and retried, say when to
                poll."""))
@SecurityScheme(
        securitySchemeName = "apiToken",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An API token: `Authorization: Bearer <token>`. Reads of published"
                + " content need none; writes need an admin, editor or reviewer token.")
@SecurityScheme(
        securitySchemeName = "sessionCookie",
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.COOKIE,
        apiKeyName = "__Host-cms-session",
        description = "The session of a person signed in with `POST /api/v1/session` (cookie `__Host-cms-session` over"
                + " https, `cms-session` over plain http). Every write made with it also needs the session's"
                + " `X-CSRF-Token` header; a request with a bearer token ignores the cookie.")
public class ApiDefinition extends Application {}
