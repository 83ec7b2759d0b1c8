package cn.fucai.cms.webhook;

import cn.fucai.cms.common.http.Idempotent;
import cn.fucai.cms.common.http.Representations;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.paging.PageParams;
import cn.fucai.cms.common.paging.PagedResponse;
import cn.fucai.cms.webhook.WebhookDtos.DeliveryResponse;
import cn.fucai.cms.webhook.WebhookDtos.WebhookRequest;
import cn.fucai.cms.webhook.WebhookDtos.WebhookResponse;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Webhook subscriptions and their deliveries. */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "editor"})
@Tag(
        name = "Webhooks",
        description = "Signed, retried notifications of published, changed and deleted articles and figures")
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @Idempotent
    @POST
    @Operation(summary = "Subscribe a URL to events", description = """
            Each event is sent as a JSON POST signed in the Standard Webhooks style (webhook-id, webhook-timestamp,
            webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">), retried with exponential backoff and
            jitter until a 2xx; a 410 answer disables the webhook. Editors subscribe to their own publishers. The URL must
            be https and reach a public host (no loopback, private, link-local or other special address); a publisher has
            at most 20 webhooks (CMS_WEBHOOKS_MAX_PER_PUBLISHER). Without a secret the service makes one and answers it
            in `secret`, this once.""")
    @APIResponse(
            responseCode = "201",
            description = "Subscribed",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, a refused target or a weak secret")
    @APIResponse(responseCode = "403", description = "Not an admin, or an editor of another publisher")
    @APIResponse(responseCode = "409", description = "The publisher has as many webhooks as allowed")
    public RestResponse<WebhookResponse> createWebhook(@Valid @NotNull WebhookRequest body, @Context UriInfo uri) {
        WebhookResponse created = webhooks.create(body);
        return Representations.created(
                uri.getAbsolutePathBuilder().path(created.id().toString()).build(), created);
    }

    @GET
    @Operation(summary = "List webhooks", description = "All for an admin; an editor's publishers' for an editor.")
    @APIResponse(responseCode = "200", description = "A page of webhooks")
    public RestResponse<Page<WebhookResponse>> listWebhooks(@BeanParam PageParams page, @Context UriInfo uri) {
        return PagedResponse.ok(webhooks.list(page.cursor, page.limit()), uri);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook", description = "The subscription, without its secret.")
    @APIResponse(responseCode = "200", description = "The webhook")
    public WebhookResponse getWebhook(@PathParam("id") UUID id) {
        return webhooks.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a webhook", description = "Stops its deliveries and removes its history.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteWebhook(@PathParam("id") UUID id) {
        webhooks.delete(id);
    }

    @Idempotent
    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate a webhook's secret", description = """
            Makes a new signing secret and answers it, this once. For the overlap (CMS_WEBHOOKS_SECRET_OVERLAP, a day by
            default) every delivery carries two signatures, one with each secret, space-separated in webhook-signature,
            so the receiver can switch to the new secret without missing a delivery.""")
    @APIResponse(
            responseCode = "200",
            description = "The new secret",
            content = @Content(schema = @Schema(implementation = WebhookDtos.SecretResponse.class)))
    public RestResponse<WebhookDtos.SecretResponse> rotateWebhookSecret(@PathParam("id") UUID id) {
        return RestResponse.ok(webhooks.rotateSecret(id));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(
            summary = "List a webhook's deliveries",
            description = "Newest first, each with every attempt: time, status code, error, duration.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public RestResponse<Page<DeliveryResponse>> listWebhookDeliveries(
            @PathParam("id") UUID id, @BeanParam PageParams page, @Context UriInfo uri) {
        return PagedResponse.ok(webhooks.deliveries(id, page.cursor, page.limit()), uri);
    }

    @Idempotent
    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Send a delivery again",
            description = "Puts a failed (or pending) delivery back in the queue, due now.")
    @APIResponse(responseCode = "204", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such webhook or delivery")
    public RestResponse<Void> redeliverWebhookDelivery(
            @PathParam("id") UUID id,
            @PathParam("deliveryId") @Parameter(description = "Delivery id") UUID deliveryId) {
        webhooks.redeliver(id, deliveryId);
        return RestResponse.noContent();
    }
}
