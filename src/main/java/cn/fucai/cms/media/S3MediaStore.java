package cn.fucai.cms.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The media store in a bucket of any S3-compatible object store, through the AWS SDK for Java v2. A PUT makes an
 * object appear whole or not at all, so nothing half-written is ever read; a key that exists is not written again.
 */
class S3MediaStore implements MediaStore {

    private final S3Client s3;
    private final String bucket;

    private S3MediaStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** A client for the configured store, with its bucket created when missing. */
    static S3MediaStore open(MediaConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle());
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.accessKey().get(), config.secretKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        S3Client s3 = builder.build();
        try {
            s3.createBucket(request -> request.bucket(config.bucket()));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // made by an earlier start or another instance
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
        return new S3MediaStore(s3, config.bucket());
    }

    @Override
    public void put(String key, Path file) throws IOException {
        MediaStore.requireKey(key);
        if (size(key).isPresent()) {
            return;
        }
        long length = Files.size(file);
        s3.putObject(request -> request.bucket(bucket).key(key).contentLength(length), RequestBody.fromFile(file));
    }

    @Override
    public Optional<Long> size(String key) {
        MediaStore.requireKey(key);
        try {
            return Optional.of(
                    s3.headObject(request -> request.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Stream<StoredObject> objects() {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                .map(object -> new StoredObject(object.key(), object.lastModified()));
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    @Override
    public InputStream read(String key, long offset, long length) {
        MediaStore.requireKey(key);
        return s3.getObject(
                request -> request.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1)));
    }
}
