package cn.fucai.cms.token;

import cn.fucai.cms.security.ApiToken;
import cn.fucai.cms.security.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Token records on the wire. */
public final class TokenDtos {

    private TokenDtos() {}

    @Schema(name = "TokenRequest", description = "A token to create; editors and readers act for one publisher")
    public record TokenRequest(
            @NotBlank @Size(max = 100) @Schema(example = "温州福彩编辑部")
            String name,

            @NotNull @Schema(example = "editor") Role role,

            @Size(max = 100)
            @Schema(
                    description =
                            "Id or slug of the publisher; required for editor and reader tokens, refused for admin and sync",
                    nullable = true,
                    example = "wenzhou-fucai")
            String publisher,

            @Schema(description = "Also act for the publisher's child publishers", example = "false")
            boolean includeChildren,

            @Schema(
                    nullable = true,
                    description = "When the token stops working; never when null",
                    example = "2027-12-31T16:00:00Z")
            Instant expiresAt) {}

    @Schema(name = "Token", description = "An API token, without its secret")
    public record TokenResponse(
            UUID id,
            @Schema(example = "温州福彩编辑部") String name,
            @Schema(example = "editor") Role role,
            @Schema(nullable = true) UUID publisherId,
            boolean includeChildren,
            Instant createdAt,
            @Schema(nullable = true) Instant expiresAt,

            @Schema(nullable = true, description = "Last authenticated use, to the minute")
            Instant lastUsedAt,

            @Schema(nullable = true) Instant revokedAt) {

        static TokenResponse from(ApiToken t) {
            return new TokenResponse(
                    t.id,
                    t.name,
                    t.role,
                    t.publisherId,
                    t.includeChildren,
                    t.createdAt,
                    t.expiresAt,
                    t.lastUsedAt,
                    t.revokedAt);
        }
    }

    @Schema(name = "CreatedToken", description = "A new token with its secret, shown this once and never again")
    public record CreatedTokenResponse(
            @Schema(description = "Send as `Authorization: Bearer <secret>`", example = "cms_3q2-7wEXAMPLEsecret")
            String secret,

            TokenResponse token) {}
}
