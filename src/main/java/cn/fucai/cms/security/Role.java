package cn.fucai.cms.security;

import java.util.Set;

/**
 * What a token or an account may do: {@code admin} everything; {@code editor} write its publishers' articles and
 * figures and read their drafts; {@code reviewer} what an editor may, and approve and publish what needs review;
 * {@code reader} read its publishers' drafts; {@code sync} (tokens only) what the partner sync feed needs.
 */
public enum Role {
    admin,
    editor,
    reviewer,
    reader,
    sync;

    /** The roles an operation's {@code @RolesAllowed} sees: a reviewer is an editor too. */
    public Set<String> grants() {
        return this == reviewer ? Set.of(reviewer.name(), editor.name()) : Set.of(name());
    }

    /** Acts for given publishers only: editors, reviewers and readers. */
    public boolean isScoped() {
        return this == editor || this == reviewer || this == reader;
    }

    /** May write a publisher's content it acts for. */
    public boolean writes() {
        return this == admin || this == editor || this == reviewer;
    }
}
