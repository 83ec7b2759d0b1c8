package cn.fucai.cms.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One recorded write. */
@Schema(name = "AuditEvent", description = "One write: who, from where, what, when, and the state before and after")
public record AuditEvent(
        UUID id,
        @Schema(example = "2026-11-23T08:00:00Z") Instant occurredAt,

        @Schema(
                nullable = true,
                description =
                        "Null for the service itself; the bootstrap admin token (CMS_ADMIN_TOKEN) has an id of its own, derived from it")
        UUID tokenId,

        @Schema(nullable = true, description = "The account of the person who acted, when one did")
        UUID accountId,

        @Schema(description = "The token's name, or the login name of the account", example = "温州福彩编辑部")
        String tokenName,

        @Schema(nullable = true, example = "127.0.0.1") String clientAddress,

        @Schema(
                example = "update",
                enumeration = {
                    "create",
                    "update",
                    "delete",
                    "release",
                    "expire",
                    "correct",
                    "retract",
                    "revoke",
                    "redeliver",
                    "rotate-secret",
                    "refocus",
                    "submit",
                    "approve",
                    "return",
                    "share-preview",
                    "sign-in",
                    "sign-in-failed",
                    "sign-out",
                    "change-password",
                    "reset-password"
                })
        String action,

        @Schema(example = "article") String resourceType,

        @Schema(example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
        String resourceId,

        @Schema(nullable = true) UUID publisherId,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Object.class,
                nullable = true,
                description = "State before the write, as the API showed it; null for a creation")
        JsonNode before,

        @Schema(
                type = SchemaType.OBJECT,
                implementation = Object.class,
                nullable = true,
                description = "State after the write, as the API shows it; null for a deletion")
        JsonNode after) {}
