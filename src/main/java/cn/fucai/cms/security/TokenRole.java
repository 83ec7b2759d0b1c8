package cn.fucai.cms.security;

/**
 * What a token may do: {@code admin} everything; {@code editor} write its publisher's articles and figures and read
 * their drafts; {@code reader} read its publisher's drafts; {@code sync} what the partner sync feed needs.
 */
public enum TokenRole {
    admin,
    editor,
    reader,
    sync
}
