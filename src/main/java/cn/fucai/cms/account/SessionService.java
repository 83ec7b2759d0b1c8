package cn.fucai.cms.account;

import cn.fucai.cms.common.change.ChangeAction;
import cn.fucai.cms.common.change.Changes;
import cn.fucai.cms.common.change.ContentChanged;
import cn.fucai.cms.common.change.ContentKind;
import cn.fucai.cms.security.AccessPolicy;
import cn.fucai.cms.security.Caller;
import cn.fucai.cms.security.PublisherTree;
import cn.fucai.cms.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Sign-in, the sessions it opens, and sign-out. A session is a row of its own, so that signing out, a password change
 * or an admin disabling the account ends it at once on every instance. Each attempt, its audit entry and its count
 * for {@link SignInThrottle} are committed whether or not it succeeds.
 * <p>
 * Made at start-up: its first use used to be the first request's, which then computed the decoy hash below (some 70
 * ms of argon2id, and several times that before the JIT) on an event loop that every connection on it waited for.
 */
@Startup
@ApplicationScoped
class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    /** last_seen_at is written at most this often per session, so that reads do not each cost a write. */
    private static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);

    @Inject
    AccessPolicy access;

    @Inject
    Changes changes;

    @Inject
    SessionConfig config;

    @Inject
    SignInThrottle throttle;

    @Inject
    PublisherTree tree;

    @Inject
    Jdbi jdbi;

    /** Verified when the login is unknown, so that its answer takes as long as a wrong password's. */
    private final String unknownLoginHash = Passwords.hash(SessionSecrets.generate());

    /** The session a cookie stands for. */
    record SignedIn(UUID sessionId, Caller caller, Instant signedInAt, Instant idleExpiresAt, Instant expiresAt) {}

    /** What a sign-in attempt came to. */
    sealed interface Outcome {}

    /** Signed in: the new session, its account and the cookie's secret. */
    record Opened(SignedIn session, Account account, String secret) implements Outcome {}

    /** Wrong login name or password, or a disabled account: one answer for all, so that none can be told apart. */
    record Refused() implements Outcome {}

    /** Too many failures: try again after {@code retryAfter}, unchecked until then. */
    record Throttled(Duration retryAfter) implements Outcome {}

    /** One row of the session lookup, by column name. */
    record SessionRow(
            UUID sessionId,
            Instant createdAt,
            Instant lastSeenAt,
            Instant expiresAt,
            UUID accountId,
            String login,
            Role role,
            UUID publisherId,
            boolean includeChildren) {}

    /**
     * Checks a login and password and opens a session; ends the session of {@code previousSecret} (the cookie the
     * browser still had), so that a sign-in always starts a new session.
     */
    Outcome signIn(String login, String password, String address, String userAgent, String previousSecret) {
        String loginKey = login.strip().toLowerCase(Locale.ROOT);
        return QuarkusTransaction.requiringNew()
                .call(() -> attempt(loginKey, password, address, userAgent, previousSecret));
    }

    private Outcome attempt(String loginKey, String password, String address, String userAgent, String previous) {
        Instant now = changes.now();
        if (!throttle.lock(loginKey)) {
            return new Throttled(Duration.ofSeconds(1));
        }
        Optional<Account> found = Account.findByLogin(loginKey);
        Duration wait = throttle.wait(loginKey, address, now);
        if (!wait.isZero()) {
            failed(loginKey, found.orElse(null), "throttled", now);
            return new Throttled(wait);
        }
        boolean matches =
                Passwords.matches(password, found.map(a -> a.passwordHash).orElse(unknownLoginHash));
        if (found.isEmpty() || !matches || !found.get().isActive()) {
            String reason = found.isEmpty() ? "unknown-login" : !matches ? "wrong-password" : "disabled";
            throttle.record(loginKey, found.map(a -> a.id).orElse(null), address, now, false);
            failed(loginKey, found.orElse(null), reason, now);
            return new Refused();
        }
        Account account = found.get();
        throttle.record(loginKey, account.id, address, now, true);
        if (previous != null) {
            end(SessionSecrets.hash(previous), "replaced", now);
        }
        String secret = SessionSecrets.generate();
        AccountSession session = new AccountSession();
        session.accountId = account.id;
        session.secretHash = SessionSecrets.hash(secret);
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = now.plus(config.lifetime());
        session.clientAddress = address;
        session.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 300));
        session.persistAndFlush();
        Caller caller = Caller.account(
                account.id,
                account.login,
                account.role,
                publishers(account.role, account.publisherId, account.includeChildren));
        access.actAs(caller);
        SignedIn signedIn =
                new SignedIn(session.id, caller, now, idleExpiry(now, session.expiresAt), session.expiresAt);
        changes.fire(ContentChanged.of(
                ContentKind.SESSION,
                ChangeAction.SIGN_IN,
                session.id,
                account.publisherId,
                null,
                details(account.login, "expiresAt", session.expiresAt),
                now));
        return new Opened(signedIn, account, secret);
    }

    /**
     * Whether a password is the signed-in account's, for a change of password: throttled and counted as a sign-in is,
     * so that a session left open cannot be used to guess it faster.
     */
    boolean checkPassword(SignedIn session, String password, String address) {
        String loginKey = session.caller().name().toLowerCase(Locale.ROOT);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = changes.now();
            Duration wait = throttle.lock(loginKey) ? throttle.wait(loginKey, address, now) : Duration.ofSeconds(1);
            if (!wait.isZero()) {
                throw new SignInException.Throttled(wait);
            }
            Account account = Account.findById(session.caller().accountId());
            boolean matches = Passwords.matches(password, account.passwordHash);
            if (!matches) {
                throttle.record(loginKey, account.id, address, now, false);
            }
            return matches;
        });
    }

    /** The live session a cookie's secret stands for: not ended, not idle too long, not past its lifetime. */
    @Transactional
    Optional<SignedIn> authenticate(String secret) {
        Optional<SessionRow> found = jdbi.withHandle(handle -> handle.createQuery("""
                        select s.id as session_id, s.created_at, s.last_seen_at, s.expires_at, a.id as account_id,
                               a.login, a.role, a.publisher_id, a.include_children
                        from account_session s join account a on a.id = s.account_id
                        where s.secret_hash = :hash and s.ended_at is null and a.status = 'active'""")
                .bind("hash", SessionSecrets.hash(secret))
                .map(ConstructorMapper.of(SessionRow.class))
                .findOne());
        Instant now = changes.now();
        return found.filter(row -> now.isBefore(row.expiresAt())
                        && now.isBefore(row.lastSeenAt().plus(config.idleTimeout())))
                .map(row -> {
                    if (row.lastSeenAt().isBefore(now.minus(LAST_SEEN_RESOLUTION))) {
                        jdbi.useHandle(handle -> handle.createUpdate(
                                        "update account_session set last_seen_at = :now where id = :id")
                                .bind("now", now)
                                .bind("id", row.sessionId())
                                .execute());
                    }
                    Caller caller = Caller.account(
                            row.accountId(),
                            row.login(),
                            row.role(),
                            publishers(row.role(), row.publisherId(), row.includeChildren()));
                    return new SignedIn(
                            row.sessionId(),
                            caller,
                            row.createdAt(),
                            idleExpiry(now, row.expiresAt()),
                            row.expiresAt());
                });
    }

    /** Ends the caller's session: its cookie stops working on every instance. */
    @Transactional
    void signOut(SignedIn session) {
        Instant now = changes.now();
        AccountSession.update(
                "endedAt = ?1, endedReason = 'signed-out' where id = ?2 and endedAt is null", now, session.sessionId());
        changes.fire(ContentChanged.of(
                ContentKind.SESSION,
                ChangeAction.SIGN_OUT,
                session.sessionId(),
                null,
                null,
                details(session.caller().name(), "signedInAt", session.signedInAt()),
                now));
    }

    /** Forgets attempts and sessions older than anything still needs. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant now = changes.now();
        int attempts = throttle.purge(now);
        long sessions = AccountSession.delete("expiresAt < ?1", now.minus(Duration.ofDays(90)));
        if (attempts + sessions > 0) {
            LOG.infof("forgot %d sign-in attempts and %d sessions older than 90 days", attempts, sessions);
        }
    }

    private void failed(String loginKey, Account account, String reason, Instant now) {
        changes.fire(ContentChanged.of(
                ContentKind.SESSION,
                ChangeAction.SIGN_IN_FAILED,
                account == null ? "login:" + loginKey : account.id,
                account == null ? null : account.publisherId,
                null,
                details(loginKey, "reason", reason),
                now));
    }

    private void end(String secretHash, String reason, Instant now) {
        AccountSession.update(
                "endedAt = ?1, endedReason = ?2 where secretHash = ?3 and endedAt is null", now, reason, secretHash);
    }

    private Instant idleExpiry(Instant now, Instant expiresAt) {
        Instant idle = now.plus(config.idleTimeout());
        return idle.isBefore(expiresAt) ? idle : expiresAt;
    }

    /** Null (every publisher) for admins; the publisher, and its descendants if asked, otherwise. */
    private Set<UUID> publishers(Role role, UUID publisherId, boolean includeChildren) {
        if (publisherId == null) {
            return role == Role.admin ? null : Set.of();
        }
        return includeChildren ? tree.withDescendants(publisherId) : Set.of(publisherId);
    }

    private static Map<String, Object> details(String login, String key, Object value) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("login", login);
        details.put(key, value);
        return details;
    }
}
