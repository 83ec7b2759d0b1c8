package cn.fucai.cms.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is making a request, as the rules and the audit log need it: a token ({@code tokenId}) or a signed-in account
 * ({@code accountId}), never both. {@code publishers} are the publishers the caller acts for (its own and, if its
 * scope says so, their descendants); null means every publisher (admin, system).
 */
public record Caller(UUID tokenId, UUID accountId, String name, Role role, Set<UUID> publishers, String address) {

    /** The attribute of a security identity that holds its caller. */
    public static final String ATTRIBUTE = "cms.caller";

    /** The service itself, writing outside any request (demo content at start-up, the scheduler). */
    static final Caller SYSTEM = new Caller(null, null, "system", Role.admin, null, null);

    /** A caller presenting an API token. */
    public static Caller token(UUID tokenId, String name, Role role, Set<UUID> publishers) {
        return new Caller(tokenId, null, name, role, publishers, null);
    }

    /** A person signed in with an account; {@code name} is its login. */
    public static Caller account(UUID accountId, String login, Role role, Set<UUID> publishers) {
        return new Caller(null, accountId, login, role, publishers, null);
    }

    /** An anonymous reader. */
    static Caller anonymous(String address) {
        return new Caller(null, null, "anonymous", null, Set.of(), address);
    }

    /** This caller, calling from {@code address}. */
    Caller from(String address) {
        return new Caller(tokenId, accountId, name, role, publishers, address);
    }

    /** The token or account that acts, or null for the service itself and anonymous readers. */
    public UUID actorId() {
        return tokenId != null ? tokenId : accountId;
    }

    /** What the rate limiter and idempotency keys count this caller as. */
    public String clientKey() {
        if (tokenId != null) {
            return "token:" + tokenId;
        }
        return accountId != null ? "account:" + accountId : "address:" + address;
    }

    /** How messages name this caller. */
    String describe() {
        return accountId != null ? "account '" + name + "'" : "token '" + name + "'";
    }

    boolean actsFor(UUID publisherId) {
        return publishers == null || publishers.contains(publisherId);
    }
}
