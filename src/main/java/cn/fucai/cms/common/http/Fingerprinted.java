package cn.fucai.cms.common.http;

/**
 * A request part that says itself what it holds, for an idempotent write's fingerprint ({@link Idempotent}): a form
 * with a file gives the file's hash rather than its path on disk.
 */
public interface Fingerprinted {

    /** Text that is equal for two requests exactly when they ask for the same. */
    String fingerprint();
}
