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

    private WebhookDtos() {
    }

    @Schema(name = "WebhookRequest", description = "A subscription: where to send which events, signed with which secret")
    public record WebhookRequest(
            @NotBlank @Size(max = 2000) @Pattern(regexp = Patterns.HTTP_URL, message = Patterns.HTTP_URL_MESSAGE)
            @Schema(example = "https://www.zjfc.example/hooks/cms") String url,
            @NotEmpty @Size(max = 6) @Schema(example = "[\"article.published\", \"article.deleted\"]",
                    description = "article.published, article.updated, article.unpublished, article.deleted, figure.published, figure.corrected")
            List<@NotBlank String> events,
            @NotBlank @Size(min = 16, max = 200) @Schema(description = "Shared secret for the signature: whsec_<base64>, or any string of 16+ characters",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
            @Size(max = 100) @Schema(nullable = true, description = "Publisher (id or slug) whose events to receive; admins may leave it out for all",
                    example = "wenzhou-fucai") String publisher) {
    }

    @Schema(name = "Webhook", description = "A subscription, without its secret")
    public record WebhookResponse(
            UUID id,
            @Schema(example = "https://www.zjfc.example/hooks/cms") String url,
            @Schema(example = "[\"article.published\"]") List<String> events,
            @Schema(nullable = true) UUID publisherId,
            Instant createdAt,
            @Schema(nullable = true, description = "Set when the receiver answered 410 Gone") Instant disabledAt,
            @Schema(nullable = true, example = "the receiver answered 410 Gone") String disabledReason) {
    }

    @Schema(name = "WebhookDelivery", description = "One event sent to one webhook, with every attempt")
    public record DeliveryResponse(
            UUID id,
            @Schema(description = "Sent as webhook-id; the same on every retry") UUID webhookId,
            @Schema(example = "article.published") String eventType,
            @Schema(enumeration = {"pending", "succeeded", "failed"}, example = "succeeded") String status,
            @Schema(example = "3") int attemptCount,
            @Schema(description = "When it will be tried again, while pending") Instant nextAttemptAt,
            Instant createdAt,
            List<AttemptResponse> attempts) {
    }

    @Schema(name = "WebhookAttempt", description = "One try to send a delivery")
    public record AttemptResponse(
            @Schema(example = "1") int attempt,
            Instant attemptedAt,
            @Schema(nullable = true, description = "The receiver's status code; null when it did not answer", example = "503") Integer statusCode,
            @Schema(nullable = true, example = "HttpTimeoutException: request timed out") String error,
            @Schema(example = "42") int durationMs) {
    }
}
