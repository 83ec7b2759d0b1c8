package cn.fucai.cms.security;

import java.util.Set;
import java.util.UUID;

/**
 * The publisher tree as access control needs it, implemented by the publisher feature: an editor token that includes
 * child publishers acts for the whole subtree.
 */
public interface PublisherTree {

    /** The publisher and every publisher below it, deleted or not. */
    Set<UUID> withDescendants(UUID publisherId);
}
