package cn.fucai.cms.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the bytes of the media library live, by key ({@code <sha256>/original}, {@code <sha256>/w640.jpg}). Objects
 * are immutable: putting a key that exists changes nothing, so concurrent uploads of the same bytes are safe.
 */
interface MediaStore {

    /** Stores the file's bytes under {@code key}, all or nothing. */
    void put(String key, Path file) throws IOException;

    /** The object's size in bytes, or empty when there is none. */
    Optional<Long> size(String key) throws IOException;

    /** {@code length} bytes of the object from {@code offset}. */
    InputStream read(String key, long offset, long length) throws IOException;

    /** The whole object, or empty when there is none: for files the service reads itself, such as a PDF's pages. */
    default Optional<byte[]> readAll(String key) throws IOException {
        Optional<Long> size = size(key);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = read(key, 0, size.get())) {
            return Optional.of(in.readAllBytes());
        }
    }

    /** Every object, with when it was written; temporary files of interrupted writes too. */
    Stream<StoredObject> objects() throws IOException;

    /** Removes an object; one that is not there is no error. */
    void delete(String key) throws IOException;

    /** An object of the store: its key and when it was written. */
    record StoredObject(String key, Instant written) {}

    /** Refuses a key the service did not make: keys are a hex hash and a fixed name, never text from a request. */
    static void requireKey(String key) {
        if (!key.matches("[0-9a-f]{64}/[a-z0-9.]+")) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
    }

    /** The object as a local file, when the store keeps it in one: the fastest way to send it. */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }
}
