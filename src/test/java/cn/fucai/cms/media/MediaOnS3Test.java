package cn.fucai.cms.media;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Every media test again, with the bytes in a bucket of a real S3 API server (S3Proxy) instead of a directory. */
@QuarkusTest
@TestProfile(MediaOnS3Test.OnS3.class)
class MediaOnS3Test extends MediaTest {

    /** The media store on S3Proxy. */
    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class));
        }
    }

    @Override
    Set<String> storedObjects() {
        MediaConfig.S3 config = this.config.s3();
        try (S3Client s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .forcePathStyle(true)
                .endpointOverride(config.endpoint().orElse(URI.create("http://127.0.0.1")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyResource.ACCESS_KEY, S3ProxyResource.SECRET_KEY)))
                .build()) {
            return s3.listObjectsV2Paginator(request -> request.bucket(config.bucket())).contents().stream()
                    .map(S3Object::key)
                    .collect(Collectors.toSet());
        }
    }
}
