package cn.fucai.cms.media;

/** The stored objects of an item: keys in the media store and what each one is. */
final class MediaFiles {

    private MediaFiles() {}

    /** The object served as the item itself: a PDF as uploaded, an image without its metadata. */
    static String served(String sha256) {
        return sha256 + "/original";
    }

    /** An image's bytes as uploaded, kept only when configured. */
    static String uploaded(String sha256) {
        return sha256 + "/uploaded";
    }

    /** The image at one width. */
    static String rendition(String sha256, int width) {
        return sha256 + "/w" + width;
    }

    /** The image at one width as WebP. */
    static String webpRendition(String sha256, int width) {
        return sha256 + "/w" + width + ".webp";
    }

    /** The key of a variant named in a URL: original, w + a width, or that + .webp. */
    static String key(String sha256, String variant) {
        return sha256 + "/" + variant;
    }

    /** The type renditions of an image are written in: JPEG for photographs, PNG for drawings and animations. */
    static String renditionType(String mediaType) {
        return mediaType.equals("image/png") || mediaType.equals("image/gif") ? "image/png" : "image/jpeg";
    }
}
