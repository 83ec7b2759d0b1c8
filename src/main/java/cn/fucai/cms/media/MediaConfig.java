package cn.fucai.cms.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The media library's limits and store; each setting is also an environment variable (CMS_MEDIA_...). */
@ConfigMapping(prefix = "cms.media")
public interface MediaConfig {

    /** Where the bytes go: a local directory, or an S3-compatible object store (CMS_MEDIA_STORE). */
    @WithDefault("local")
    Store store();

    /** The kinds of media store. */
    enum Store {
        local,
        s3
    }

    /** Directory of the local media store, created when missing (CMS_MEDIA_DIR). */
    @WithDefault("media")
    String dir();

    /** Largest upload, in bytes (CMS_MEDIA_MAX_BYTES); the HTTP body limit must stay above it. */
    @WithDefault("20971520")
    long maxBytes();

    /** Largest image, in pixels (width × height), refused from its header before anything is decoded (CMS_MEDIA_MAX_PIXELS). */
    @WithDefault("40000000")
    long maxPixels();

    /** Most pages of a PDF (CMS_MEDIA_MAX_PDF_PAGES). */
    @WithDefault("2000")
    int maxPdfPages();

    /** Whether an image's uploaded bytes are kept besides the served copy without EXIF and GPS data (CMS_MEDIA_KEEP_ORIGINALS). */
    @WithDefault("false")
    boolean keepOriginals();

    /**
     * How often objects that no item names are removed, and PDFs whose text was never read are read; off turns both off
     * (CMS_MEDIA_SWEEP_INTERVAL).
     */
    @WithDefault("1h")
    String sweepInterval();

    /**
     * How old an object must be before the sweep removes it: an upload's objects are stored before its row commits
     * (CMS_MEDIA_SWEEP_GRACE).
     */
    @WithDefault("PT1H")
    Duration sweepGrace();

    /**
     * Hosts whose https images articles may show besides the library's own files, such as a centre's own site
     * (CMS_MEDIA_EXTERNAL_IMAGE_HOSTS, comma-separated; none by default): the library checks none of their images.
     */
    Optional<List<String>> externalImageHosts();

    /** Imports of files from other sites (POST /api/v1/media/imports). */
    Imports imports();

    /** How files of other sites are fetched (CMS_MEDIA_IMPORTS_...). */
    interface Imports {

        /** Longest fetch of a file, from connecting to its last byte (CMS_MEDIA_IMPORTS_TIMEOUT). */
        @WithDefault("PT30S")
        Duration timeout();

        /** Hosts or CIDRs reachable although not public; for development and tests only (CMS_MEDIA_IMPORTS_ALLOWED_TARGETS). */
        Optional<List<String>> allowedTargets();
    }

    /** OCR of the scanned pages of PDFs, so that search finds their words too. */
    Ocr ocr();

    /** How scanned pages are read (CMS_MEDIA_OCR_...). */
    interface Ocr {

        /** How often each instance looks for scanned pages to read; off turns OCR off there (CMS_MEDIA_OCR_INTERVAL). */
        @WithDefault("10s")
        String interval();

        /** The tesseract program; where it is missing, OCR is off and scanned pages wait (CMS_MEDIA_OCR_COMMAND). */
        @WithDefault("tesseract")
        String command();

        /** Tesseract's languages, joined by + (CMS_MEDIA_OCR_LANGUAGES). */
        @WithDefault("chi_sim+eng")
        String languages();

        /** Longest reading of one page: past it tesseract is stopped and the page tried again later (CMS_MEDIA_OCR_PAGE_TIMEOUT). */
        @WithDefault("PT2M")
        Duration pageTimeout();
    }

    /** The S3-compatible object store, when {@code store} is s3. */
    S3 s3();

    /** Where and how to reach the bucket (CMS_MEDIA_S3_...). */
    interface S3 {

        /** The store's address, such as http://127.0.0.1:9090; AWS's own when unset (CMS_MEDIA_S3_ENDPOINT). */
        Optional<URI> endpoint();

        /** The bucket, created at start-up when missing (CMS_MEDIA_S3_BUCKET). */
        @WithDefault("cms-media")
        String bucket();

        /** The region the bucket is in (CMS_MEDIA_S3_REGION). */
        @WithDefault("us-east-1")
        String region();

        /** Access key id; the AWS SDK's default credentials when unset (CMS_MEDIA_S3_ACCESS_KEY). */
        Optional<String> accessKey();

        /** Secret access key, with the access key id (CMS_MEDIA_S3_SECRET_KEY). */
        Optional<String> secretKey();

        /** Path-style addresses (endpoint/bucket/key), which most S3-compatible stores need (CMS_MEDIA_S3_PATH_STYLE). */
        @WithDefault("true")
        boolean pathStyle();
    }
}
