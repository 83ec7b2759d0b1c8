package cn.fucai.cms.common.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation whose answer is the same for every caller its security annotations let in, so that the
 * {@link ResponseCache} may keep and serve it for requests with a token too, once the token has been checked. An
 * answer that could still change without a change notification is kept out with {@link ResponseCacheFilter#keepOut}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SameForEveryCaller {}
