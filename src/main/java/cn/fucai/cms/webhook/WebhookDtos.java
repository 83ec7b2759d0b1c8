package cn.fucai.cms.webhook;

import cn.fucai.cms.common.validation.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Webhook records on the wire. */
public final class WebhookDtos {

    private WebhookDtos() {}

    @Schema(
            name = "WebhookRequest",
            description = "A subscription: where to send which events, signed with which secret")
    public record WebhookRequest(
            @NotBlank
            @Size(max = 2000)
            @Pattern(regexp = Patterns.HTTP_URL, message = Patterns.HTTP_URL_MESSAGE)
            @Schema(example = "https://www.zjfc.example/hooks/cms")
            String url,

            @NotEmpty
            @Size(max = 16)
            @Schema(
                    example = "[\"article.published\", \"article.deleted\"]",
                    description =
                            "article.published, article.updated, article.unpublished, article.deleted, figure.published, "
                                    + "figure.imported (one event for a batch import, naming its figures; figure.published "
                                    + "receives it too), figure.corrected, figure.retracted, media.published, media.updated, "
                                    + "media.unpublished, media.deleted")
            List<@NotBlank String> events,

            @Size(max = 200)
            @Schema(
                    nullable = true,
                    description = "Shared secret for the signature: whsec_ and the base64 of at least 24 random "
                            + "bytes; leave it out and the service makes one, shown once in the answer",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr")
            String secret,

            @Size(max = 100)
            @Schema(
                    nullable = true,
                    description = "Publisher (id or slug) whose events to receive; admins may leave it out for all",
                    example = "wenzhou-fucai")
            String publisher) {}

    @Schema(name = "Webhook", description = "A subscription, without its secret")
    public record WebhookResponse(
            UUID id,

            @Schema(example = "https://www.zjfc.example/hooks/cms")
            String url,

            @Schema(example = "[\"article.published\"]") List<String> events,
            @Schema(nullable = true) UUID publisherId,
            Instant createdAt,

            @Schema(nullable = true, description = "Set when the receiver answered 410 Gone")
            Instant disabledAt,

            @Schema(nullable = true, example = "the receiver answered 410 Gone")
            String disabledReason,

            @Schema(
                    nullable = true,
                    description =
                            "Only in the answer to a create that sent no secret: the secret the service made, shown this once",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr")
            String secret) {

        WebhookResponse withSecret(String shownOnce) {
            return new WebhookResponse(id, url, events, publisherId, createdAt, disabledAt, disabledReason, shownOnce);
        }
    }

    @Schema(
            name = "WebhookSecret",
            description =
                    "A new signing secret, shown this once; the previous one signs too until previousSecretExpiresAt")
    public record SecretResponse(
            @Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr")
            String secret,

            @Schema(description = "Until then every delivery carries a signature with each secret")
            Instant previousSecretExpiresAt) {}

    @Schema(name = "WebhookDelivery", description = "One event sent to one webhook, with every attempt")
    public record DeliveryResponse(
            UUID id,

            @Schema(description = "Sent as webhook-id; the same on every retry")
            UUID webhookId,

            @Schema(example = "article.published") String eventType,

            @Schema(
                    enumeration = {"pending", "succeeded", "failed"},
                    example = "succeeded")
            String status,

            @Schema(example = "3") int attemptCount,

            @Schema(description = "When it will be tried again, while pending")
            Instant nextAttemptAt,

            Instant createdAt,
            List<AttemptResponse> attempts) {}

    @Schema(name = "WebhookAttempt", description = "One try to send a delivery")
    public record AttemptResponse(
            @Schema(example = "1") int attempt,
            Instant attemptedAt,

            @Schema(
                    nullable = true,
                    description = "The receiver's status code; null when it did not answer",
                    example = "503")
            Integer statusCode,

            @Schema(
                    nullable = true,
                    description = "Why no status came back, in a few words",
                    enumeration = {"refused by policy", "connection failed", "timeout", "the webhook is disabled"},
                    example = "timeout")
            String error,

            @Schema(example = "42") int durationMs) {}
}
