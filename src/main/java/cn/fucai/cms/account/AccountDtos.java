package cn.fucai.cms.account;

import cn.fucai.cms.common.http.Fingerprinted;
import cn.fucai.cms.security.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Account and session records on the wire. Passwords go in, never out. */
public final class AccountDtos {

    private AccountDtos() {}

    static final String LOGIN = "^[\\p{L}\\p{N}][\\p{L}\\p{N}._@-]{1,63}$";

    /** What an admin sets on an account, whether creating or updating it. */
    interface AccountFields {
        String displayName();

        String email();

        Role role();

        String publisher();

        boolean includeChildren();
    }

    @Schema(name = "AccountRequest", description = "An account to create; all but admins act for one publisher")
    public record AccountRequest(
            @NotBlank
            @Pattern(regexp = LOGIN, message = "2 to 64 letters, digits and . _ @ -, starting with a letter or digit")
            @Schema(
                    description = "The name to sign in with; unique whatever its case, never changed",
                    example = "chenjing")
            String login,

            @NotBlank @Size(max = 100) @Schema(example = "陈静")
            String displayName,

            @Email @Size(max = 254) @Schema(nullable = true, example = "chenjing@wzfc.example")
            String email,

            @NotNull @Schema(example = "editor") Role role,

            @Size(max = 100)
            @Schema(
                    nullable = true,
                    description = "Id or slug of the publisher it acts for; required but for admins, refused for them",
                    example = "wenzhou-fucai")
            String publisher,

            @Schema(description = "Also act for the publisher's child publishers", example = "false")
            boolean includeChildren,

            @NotNull
            @Size(max = 1024)
            @Schema(
                    description = "At least 12 characters, not containing the login name, not a common password",
                    example = "春风十里温州福彩2026")
            String password)
            implements AccountFields, Fingerprinted {

        /** Everything but the password: a retry with the same key is the same request whatever password it carries. */
        @Override
        public String fingerprint() {
            return String.join(
                    "\u001f",
                    login,
                    displayName,
                    String.valueOf(email),
                    String.valueOf(role),
                    String.valueOf(publisher),
                    Boolean.toString(includeChildren));
        }
    }

    @Schema(name = "AccountUpdate", description = "An account's new state; its login and password are not changed here")
    record AccountUpdate(
            @NotBlank @Size(max = 100) @Schema(example = "陈静")
            String displayName,

            @Email @Size(max = 254) @Schema(nullable = true, example = "chenjing@wzfc.example")
            String email,

            @NotNull @Schema(example = "reviewer") Role role,

            @Size(max = 100)
            @Schema(nullable = true, description = "Id or slug of the publisher it acts for", example = "wenzhou-fucai")
            String publisher,

            boolean includeChildren,

            @NotNull @Schema(description = "disabled ends every session of the account at once", example = "active")
            AccountStatus status)
            implements AccountFields {}

    @Schema(name = "PasswordReset", description = "A new password an admin gives an account; its sessions end")
    record PasswordReset(@NotNull @Size(max = 1024) String password) {}

    @Schema(name = "PasswordChange", description = "The signed-in person's new password; other sessions end")
    record PasswordChange(
            @NotNull @Size(max = 1024) String currentPassword,
            @NotNull @Size(max = 1024) String newPassword) {}

    @Schema(name = "SignInRequest", description = "A login name and its password")
    record SignInRequest(
            @NotBlank @Size(max = 64) @Schema(example = "chenjing")
            String login,

            @NotNull @Size(max = 1024) @Schema(example = "春风十里温州福彩2026")
            String password) {}

    @Schema(name = "Account", description = "A person who signs in, without any password")
    record AccountResponse(
            UUID id,
            @Schema(example = "chenjing") String login,
            @Schema(example = "陈静") String displayName,

            @Schema(nullable = true, example = "chenjing@wzfc.example")
            String email,

            @Schema(example = "editor") Role role,
            @Schema(nullable = true) UUID publisherId,
            boolean includeChildren,
            @Schema(example = "active") AccountStatus status,
            Instant passwordChangedAt,
            Instant createdAt,
            Instant updatedAt) {

        static AccountResponse from(Account a) {
            return new AccountResponse(
                    a.id,
                    a.login,
                    a.displayName,
                    a.email,
                    a.role,
                    a.publisherId,
                    a.includeChildren,
                    a.status,
                    a.passwordChangedAt,
                    a.createdAt,
                    a.updatedAt);
        }
    }

    @Schema(name = "Session", description = "The signed-in session of this browser")
    record SessionResponse(
            AccountResponse account,

            @Schema(
                    description = "Send it as X-CSRF-Token on every write made with the session cookie",
                    example = "Vq3m2I0bq7cX6mYt1fJ8kQeR4sP9uD2wZ5nL0aH3gTc")
            String csrfToken,

            Instant signedInAt,

            @Schema(description = "When it ends unless used before: each use moves this on")
            Instant idleExpiresAt,

            @Schema(description = "When it ends however it is used; then sign in again")
            Instant expiresAt) {}
}
