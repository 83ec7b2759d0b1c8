package cn.fucai.cms.account;

import cn.fucai.cms.account.AccountDtos.AccountRequest;
import cn.fucai.cms.account.AccountDtos.AccountResponse;
import cn.fucai.cms.account.AccountDtos.AccountUpdate;
import cn.fucai.cms.account.AccountDtos.PasswordReset;
import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.http.VersionPrecondition;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Accounts of people, for admins. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Accounts", description = "People who sign in, with a role and a publisher scope; admins only")
public class AccountResource {

    @Inject
    AccountService accounts;

    @Idempotent
    @POST
    @Operation(
            summary = "Create an account",
            description = "With its first password, which must keep the password policy. A retry with the same"
                    + " Idempotency-Key is the same request whatever password it carries.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The login name is taken, in any case")
    public RestResponse<AccountResponse> createAccount(@Valid @NotNull AccountRequest body, @Context UriInfo uri) {
        Account account = accounts.create(body);
        return Representations.created(
                uri.getAbsolutePathBuilder().path(account.id.toString()).build(),
                etag(account),
                AccountResponse.from(account));
    }

    @GET
    @Operation(summary = "List accounts", description = "Every account, disabled ones included, newest first.")
    @APIResponse(responseCode = "200", description = "A page of accounts")
    public RestResponse<Page<AccountResponse>> listAccounts(@BeanParam PageParams page, @Context UriInfo uri) {
        return PagedResponse.ok(accounts.list(page.cursor, page.limit()).map(AccountResponse::from), uri);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an account", description = "Its role, scope and status, never its password.")
    @APIResponse(responseCode = "200", description = "The account")
    public RestResponse<AccountResponse> getAccount(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        Account account = accounts.get(id);
        return Representations.ok(headers, etag(account), account.updatedAt, AccountResponse.from(account));
    }

    @PUT
    @Path("/{id}")
    @Operation(
            summary = "Change an account",
            description = "Its name, email, role, scope and status; `disabled` ends its sessions at once.")
    @APIResponse(responseCode = "200", description = "The account as it is now")
    public RestResponse<AccountResponse> replaceAccount(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch,
            @Valid @NotNull AccountUpdate body) {
        Account account = accounts.update(id, body, ifMatch);
        return Representations.written(AccountResponse.from(account), etag(account));
    }

    @PUT
    @Path("/{id}/password")
    @Operation(
            summary = "Reset an account's password",
            description = "For a person who forgot theirs: the new password must keep the policy; every session of"
                    + " the account ends.")
    @APIResponse(responseCode = "200", description = "The account as it is now")
    public RestResponse<AccountResponse> resetAccountPassword(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @DefaultValue("*") VersionPrecondition ifMatch,
            @Valid @NotNull PasswordReset body) {
        Account account = accounts.resetPassword(id, body.password(), ifMatch);
        return Representations.written(AccountResponse.from(account), etag(account));
    }

    private static EntityTag etag(Account account) {
        return new EntityTag(Long.toString(account.version));
    }
}
