package cn.fucai.cms.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is making a request, as the rules and the audit log need it. {@code publishers} are the publishers the caller
 * acts for (its own and, if the token says so, their descendants); null means every publisher (admin, system).
 */
public record Caller(UUID tokenId, String name, TokenRole role, Set<UUID> publishers, String address) {

    /** An anonymous reader. */
    static Caller anonymous(String address) {
        return new Caller(null, "anonymous", null, Set.of(), address);
    }

    /** The service itself, writing outside any request (demo content at start-up). */
    static final Caller SYSTEM = new Caller(null, "system", TokenRole.admin, null, null);

    boolean actsFor(UUID publisherId) {
        return publishers == null || publishers.contains(publisherId);
    }
}
