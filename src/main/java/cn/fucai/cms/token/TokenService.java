package cn.fucai.cms.token;

import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.error.ResourceConflictException;
import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.time.Timestamps;
import cn.fucai.cms.publisher.PublisherService;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.ApiToken;
import cn.fucai.cms.security.TokenSecrets;
import cn.fucai.cms.token.TokenDtos.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creating, listing and revoking API tokens: admins only; a secret is returned once and stored as a hash. */
@ApplicationScoped
public class TokenService {

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    PublisherService publishers;

    /** A new token and its secret. */
    public record Created(String secret, ApiToken token) {}

    @Transactional
    public Created create(TokenRequest request) {
        access.requireAdmin();
        boolean scoped = request.role().isScoped();
        UUID publisherId = null;
        if (scoped) {
            if (request.publisher() == null) {
                throw new InvalidInputException("publisher", "is required for " + request.role() + " tokens");
            }
            publisherId = publishers.requireLive("publisher", request.publisher()).id;
        } else if (request.publisher() != null || request.includeChildren()) {
            throw new InvalidInputException(
                    "publisher",
                    request.role() + " tokens act for every publisher; leave publisher and includeChildren out");
        }
        Instant now = changes.now();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        String secret = TokenSecrets.generate();
        ApiToken token = new ApiToken();
        token.name = request.name().strip();
        token.role = request.role();
        token.publisherId = publisherId;
        token.includeChildren = request.includeChildren();
        token.secretHash = TokenSecrets.hash(secret);
        token.createdAt = now;
        token.expiresAt = Timestamps.stored(request.expiresAt());
        token.persistAndFlush();
        changes.fire(ContentChanged.of(
                ContentKind.TOKEN,
                ChangeAction.CREATE,
                token.id,
                publisherId,
                null,
                TokenDtos.TokenResponse.from(token),
                now));
        return new Created(secret, token);
    }

    @Transactional
    public ApiToken get(UUID id) {
        access.requireAdmin();
        return ApiToken.<ApiToken>findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("token", id));
    }

    @Transactional
    public Page<ApiToken> list(String cursorParam, int limit) {
        access.requireAdmin();
        String fingerprint = Cursor.fingerprint("id");
        Cursor cursor = Cursor.decode(cursorParam, fingerprint, 1);
        List<ApiToken> rows = ApiToken.page(cursor == null ? null : cursor.uuidKey(0), limit + 1);
        return Page.fromLookahead(rows, limit, last -> new Cursor(fingerprint, List.of(last.id.toString())).encode());
    }

    /** Revokes a token: the next request that presents it is refused. */
    @Transactional
    public ApiToken revoke(UUID id) {
        access.requireAdmin();
        ApiToken token = get(id);
        if (token.revokedAt != null) {
            throw new ResourceConflictException("token " + id + " is already revoked");
        }
        TokenDtos.TokenResponse before = TokenDtos.TokenResponse.from(token);
        token.revokedAt = changes.now();
        token.flush();
        changes.fire(ContentChanged.of(
                ContentKind.TOKEN,
                ChangeAction.REVOKE,
                token.id,
                token.publisherId,
                before,
                TokenDtos.TokenResponse.from(token),
                token.revokedAt));
        return token;
    }
}
