package cn.fucai.cms.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Slows down password guessing, counted in PostgreSQL so that every instance sees every attempt. Per account: after
 * {@code freeFailures} failures in a day (since its last success), each next attempt waits 1 s, 2 s, 4 s … up to
 * {@code maxDelay} after the last failure; an address the account signed in from in the last 90 days is exempt, so
 * that an attacker elsewhere cannot lock a known editor out. Per address: {@code addressFailures} failures to any
 * accounts within {@code addressWindow} make it wait until the oldest leaves the window. One attempt per login at a
 * time (an advisory lock), so that parallel guesses cannot all pass before the first failure is counted.
 */
@ApplicationScoped
class SignInThrottle {

    private static final Duration KNOWN_ADDRESS = Duration.ofDays(90);
    private static final Duration ACCOUNT_WINDOW = Duration.ofDays(1);

    @Inject
    Jdbi jdbi;

    @Inject
    SessionConfig config;

    /** The failures counted against one login, and whether the address it is tried from is known to it. */
    record LoginHistory(long failures, Instant lastFailure, boolean knownAddress) {}

    /** Address failures in the window, and the oldest of them. */
    record AddressHistory(long failures, Instant oldest) {}

    /**
     * Takes the login's lock for this transaction; false when another attempt on it is in progress (the caller answers
     * "retry in a second").
     */
    boolean lock(String loginKey) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select pg_try_advisory_xact_lock(hashtextextended('sign-in:' || :login, 0))")
                .bind("login", loginKey)
                .mapTo(Boolean.class)
                .one());
    }

    /** How long an attempt on this login from this address must still wait; zero when it may go ahead. */
    Duration wait(String loginKey, String address, Instant now) {
        AddressHistory byAddress = jdbi.withHandle(handle -> handle.createQuery("""
                        select count(*) as failures, min(attempted_at) as oldest from sign_in_attempt
                        where client_address = :address and not succeeded and attempted_at > :since""")
                .bind("address", address)
                .bind("since", now.minus(config.addressWindow()))
                .map(ConstructorMapper.of(AddressHistory.class))
                .one());
        Duration wait = Duration.ZERO;
        if (byAddress.failures() >= config.addressFailures()) {
            wait = Duration.between(now, byAddress.oldest().plus(config.addressWindow()));
        }
        LoginHistory login = jdbi.withHandle(handle -> handle.createQuery("""
                        with last_success as (
                            select max(attempted_at) as at from sign_in_attempt
                            where login_key = :login and succeeded and attempted_at > :since_day)
                        select count(*) filter (where not a.succeeded) as failures,
                               max(a.attempted_at) filter (where not a.succeeded) as last_failure,
                               exists (select 1 from sign_in_attempt k
                                       where k.login_key = :login and k.succeeded and k.client_address = :address
                                         and k.attempted_at > :since_known) as known_address
                        from sign_in_attempt a, last_success s
                        where a.login_key = :login and a.attempted_at > coalesce(s.at, :since_day)""")
                .bind("login", loginKey)
                .bind("address", address)
                .bind("since_day", now.minus(ACCOUNT_WINDOW))
                .bind("since_known", now.minus(KNOWN_ADDRESS))
                .map(ConstructorMapper.of(LoginHistory.class))
                .one());
        long over = login.failures() - config.freeFailures();
        if (over >= 0 && !login.knownAddress()) {
            Duration delay = Duration.ofSeconds(1L << Math.min(over, 20));
            if (delay.compareTo(config.maxDelay()) > 0) {
                delay = config.maxDelay();
            }
            Duration left = Duration.between(now, login.lastFailure().plus(delay));
            if (left.compareTo(wait) > 0) {
                wait = left;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    void record(String loginKey, UUID accountId, String address, Instant now, boolean succeeded) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into sign_in_attempt (login_key, account_id, client_address, attempted_at, succeeded)
                        values (:login, :account, :address, :at, :succeeded)""")
                .bind("login", loginKey)
                .bind("account", accountId)
                .bind("address", address)
                .bind("at", now)
                .bind("succeeded", succeeded)
                .execute());
    }

    /** Forgets attempts older than anything the rules look at. */
    int purge(Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("delete from sign_in_attempt where attempted_at < :before")
                .bind("before", now.minus(KNOWN_ADDRESS))
                .execute());
    }
}
