package cn.fucai.cms.article;

import cn.fucai.cms.common.error.ResourceNotFoundException;
import cn.fucai.cms.common.json.StoredJson;
import cn.fucai.cms.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The revisions of articles: every save keeps the whole article as it then was, who saved it and which fields
 * changed, numbered from 1 per article. Written in the transaction of the save, which holds the article's row, so two
 * saves never take the same number. Never updated or deleted: a restore is a new revision.
 */
@ApplicationScoped
class ArticleRevisions {

    @Inject
    Jdbi jdbi;

    /** One revision as stored; {@code content} is the article's {@link ArticleContent} as JSON. */
    record Row(
            UUID articleId,
            int number,
            Instant createdAt,
            String action,
            UUID tokenId,
            UUID accountId,
            String actorName,
            List<String> changedFields,
            String content,
            Integer restoredFrom) {

        ArticleContent article() {
            return StoredJson.read(content, ArticleContent.class);
        }
    }

    /**
     * Keeps a revision of a save from {@code before} (null for a creation) to {@code after}. An article saved before
     * revisions were kept gets, first, a revision of what it was, with no author: its baseline.
     */
    int record(
            UUID articleId,
            ArticleContent before,
            ArticleContent after,
            String action,
            Caller caller,
            Instant at,
            Integer restoredFrom) {
        int last = jdbi.withHandle(handle -> handle.createQuery(
                        "select coalesce(max(number), 0) from article_revision where article_id = :id")
                .bind("id", articleId)
                .mapTo(Integer.class)
                .one());
        if (last == 0 && before != null) {
            insert(articleId, 1, at, "baseline", null, List.of(), before, null);
            last = 1;
        }
        insert(articleId, last + 1, at, action, caller, changedFields(before, after), after, restoredFrom);
        return last + 1;
    }

    /**
     * Who last changed what the article says (its latest creation, edit or restore; not a change of status): the
     * token or account id, empty when nobody known did.
     */
    Optional<UUID> lastAuthor(UUID articleId) {
        return jdbi.withHandle(handle ->
                handle.createQuery("""
                        select coalesce(token_id, account_id) from article_revision
                        where article_id = :id and action in ('create', 'update', 'restore')
                        order by number desc limit 1""").bind("id", articleId).mapTo(UUID.class).findOne());
    }

    /** Newest first, before revision {@code beforeNumber} (null: from the newest). */
    List<Row> page(UUID articleId, Integer beforeNumber, int rows) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select article_id, number, created_at, action, token_id, account_id, actor_name, changed_fields,
                               content::text as content, restored_from
                        from article_revision
                        where article_id = :id and number < :before
                        order by number desc limit :rows""")
                .bind("id", articleId)
                .bind("before", beforeNumber == null ? Integer.MAX_VALUE : beforeNumber)
                .bind("rows", rows)
                .map(ConstructorMapper.of(Row.class))
                .list());
    }

    Row get(UUID articleId, int number) {
        return find(articleId, number)
                .orElseThrow(() -> new ResourceNotFoundException("revision", articleId + "/" + number));
    }

    Optional<Row> find(UUID articleId, int number) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select article_id, number, created_at, action, token_id, account_id, actor_name, changed_fields,
                               content::text as content, restored_from
                        from article_revision where article_id = :id and number = :number""")
                .bind("id", articleId)
                .bind("number", number)
                .map(ConstructorMapper.of(Row.class))
                .findOne());
    }

    private void insert(
            UUID articleId,
            int number,
            Instant at,
            String action,
            Caller caller,
            List<String> changed,
            ArticleContent content,
            Integer restoredFrom) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into article_revision (article_id, number, created_at, action, token_id, account_id,
                            actor_name, changed_fields, content, restored_from)
                        values (:id, :number, :at, :action, :token, :account, :actor, :changed, :content::jsonb, :restored)""")
                .bind("id", articleId)
                .bind("number", number)
                .bind("at", at)
                .bind("action", action)
                .bind("token", caller == null ? null : caller.tokenId())
                .bind("account", caller == null ? null : caller.accountId())
                .bind("actor", caller == null ? null : caller.name())
                .bind("changed", changed.toArray(String[]::new))
                .bind("content", StoredJson.write(content))
                .bind("restored", restoredFrom)
                .execute());
    }

    /**
     * The fields a save changed, by the names of the API: {@code title}, {@code body}, {@code tags} …, and
     * {@code translations[en].title} for a translation's; {@code translations[en]} when one is added or removed.
     */
    static List<String> changedFields(ArticleContent before, ArticleContent after) {
        Map<String, Object> was = fields(before);
        Map<String, Object> is = fields(after);
        List<String> changed = new ArrayList<>();
        for (String field : is.keySet()) {
            if (!Objects.equals(was.get(field), is.get(field))) {
                changed.add(field);
            }
        }
        for (String field : was.keySet()) {
            if (!is.containsKey(field)) {
                changed.add(field);
            }
        }
        return changed.stream()
                .filter(field -> !field.matches("translations\\[[^]]+]\\..*")
                        || was.containsKey(field.substring(0, field.indexOf(']') + 1))
                                && is.containsKey(field.substring(0, field.indexOf(']') + 1)))
                .toList();
    }

    /** The article's fields by their API names; null content has none. */
    static Map<String, Object> fields(ArticleContent content) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (content == null) {
            return fields;
        }
        fields.put("publisher", content.publisherId());
        fields.put("slug", content.slug());
        fields.put("locale", content.original().locale());
        fields.put("title", content.original().title());
        fields.put("summary", content.original().summary());
        fields.put("body", content.original().body());
        fields.put("category", content.category());
        // an empty list is no value, as null is: a creation without tags did not change them
        fields.put("tags", content.tags().isEmpty() ? null : content.tags());
        fields.put("regionCodes", content.regionCodes().isEmpty() ? null : content.regionCodes());
        fields.put("publishedAt", content.publishedAt());
        fields.put("unpublishAt", content.unpublishAt());
        fields.put("sourceName", content.sourceName());
        fields.put("sourceUrl", content.sourceUrl());
        fields.put("author", content.author());
        fields.put(
                "coverImageId",
                content.coverImage() == null ? null : content.coverImage().id());
        fields.put(
                "coverImageAlt",
                content.coverImage() == null ? null : content.coverImage().alt());
        // not a field PUT takes: the cover follows its image's focal point in the media library
        fields.put(
                "coverImage.focalPoint",
                content.coverImage() == null ? null : content.coverImage().focalPoint());
        fields.put("status", content.status());
        for (ArticleContent.Translation translation : content.translations()) {
            String at = "translations[" + translation.locale() + "]";
            fields.put(at, translation.locale());
            fields.put(at + ".title", translation.title());
            fields.put(at + ".summary", translation.summary());
            fields.put(at + ".body", translation.body());
            fields.put(at + ".status", translation.status());
            // whether it says what the original says: false once the original changed after it
            fields.put(at + ".upToDate", !translation.isStaleAgainst(content.original()));
        }
        return fields;
    }
}
