package cn.fucai.cms.common.http;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write that honours an {@code Idempotency-Key} header: its first answer is kept with the key, for the caller, and a
 * retry with the same key and the same request gets that answer again and writes nothing. Every POST carries it
 * (IdempotentWritesTest checks); the OpenAPI document lists the header on every POST.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    /** The request header. */
    String KEY = "Idempotency-Key";

    /** The answer header that says an answer is a replay. */
    String REPLAYED = "Idempotent-Replayed";
}
