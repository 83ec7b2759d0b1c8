package cn.fucai.cms.media;

/** What a library item is; constants are spelled as on the wire. */
public enum MediaKind {
    image,
    pdf
}
