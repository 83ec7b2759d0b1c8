package cn.fucai.cms.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** The media store configuration chooses ({@code cms.media.store}): a local directory, or an S3 bucket. */
class MediaStores {

    @Produces
    @ApplicationScoped
    MediaStore store(MediaConfig config) {
        return switch (config.store()) {
            case local -> new LocalMediaStore(Path.of(config.dir()));
            case s3 -> S3MediaStore.open(config.s3());
        };
    }
}
