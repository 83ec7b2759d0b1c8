package cn.fucai.cms.token;

import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.token.TokenDtos.CreatedTokenResponse;
import cn.fucai.cms.token.TokenDtos.TokenRequest;
import cn.fucai.cms.token.TokenDtos.TokenResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** API tokens, for admins. */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Tokens", description = "API tokens with a role and a publisher scope; admins only")
public class TokenResource {

    @Inject
    TokenService tokens;

    @Idempotent
    @POST
    @Operation(
            summary = "Create a token",
            description = "Answers with the secret, once: only its hash is stored. Editors and"
                    + " readers act for one publisher, and optionally its child publishers.")
    @APIResponse(
            responseCode = "201",
            description = "Created; keep the secret",
            content = @Content(schema = @Schema(implementation = CreatedTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    public RestResponse<CreatedTokenResponse> createToken(@Valid @NotNull TokenRequest body, @Context UriInfo uri) {
        TokenService.Created created = tokens.create(body);
        return Representations.created(
                uri.getAbsolutePathBuilder().path(created.token().id.toString()).build(),
                new CreatedTokenResponse(created.secret(), TokenResponse.from(created.token())));
    }

    @GET
    @Operation(
            summary = "List tokens",
            description = "Every token, revoked and expired ones included, without secrets.")
    @APIResponse(responseCode = "200", description = "A page of tokens")
    public RestResponse<Page<TokenResponse>> listTokens(@BeanParam PageParams page, @Context UriInfo uri) {
        return PagedResponse.ok(tokens.list(page.cursor, page.limit()).map(TokenResponse::from), uri);
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "Get a token",
            description = "Its role, scope, expiry, last use and revocation, without the secret.")
    @APIResponse(responseCode = "200", description = "The token")
    public TokenResponse getToken(@PathParam("id") UUID id) {
        return TokenResponse.from(tokens.get(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Revoke a token",
            description = "Takes effect on the next request that presents it; the token stays listed as revoked.")
    @APIResponse(responseCode = "200", description = "The revoked token")
    @APIResponse(responseCode = "409", description = "Already revoked")
    public TokenResponse revokeToken(@PathParam("id") UUID id) {
        return TokenResponse.from(tokens.revoke(id));
    }
}
