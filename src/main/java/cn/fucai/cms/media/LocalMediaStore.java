package cn.fucai.cms.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The media store in a local directory ({@code cms.media.dir}): each object is written to a temporary file beside its
 * place, forced to disk and renamed into place, so a reader never sees half an object and a crash leaves at most a
 * temporary file.
 */
class LocalMediaStore implements MediaStore {

    private final Path directory;

    LocalMediaStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = path(key);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            // another upload of the same bytes put it first: the object is the same
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path file = path(key);
        return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
        channel.position(offset);
        return new FilterInputStream(Channels.newInputStream(channel)) {
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int from, int count) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int read = super.read(buffer, from, (int) Math.min(count, left));
                if (read > 0) {
                    left -= read;
                }
                return read;
            }
        };
    }

    @Override
    public Stream<StoredObject> objects() throws IOException {
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        // each object lies at <first two hex digits>/<sha256>/<name>, temporary files beside it
        return Files.walk(directory, 3).filter(Files::isRegularFile).map(file -> {
            try {
                String key = directory.relativize(file).toString();
                return new StoredObject(
                        key.substring(key.indexOf('/') + 1),
                        Files.getLastModifiedTime(file).toInstant());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void delete(String key) throws IOException {
        String sha256 = key.substring(0, Math.min(64, key.length()));
        Path file = directory.resolve(sha256.substring(0, 2)).resolve(key).normalize();
        if (!file.startsWith(directory.normalize())) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        Files.deleteIfExists(file);
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path file = path(key);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The file of a key: keys are made by the service from a hex hash and a fixed name, never from a request. */
    private Path path(String key) {
        MediaStore.requireKey(key);
        return directory.resolve(key.substring(0, 2)).resolve(key);
    }
}
