package cn.fucai.cms.media;

import cn.fucai.cms.common.http.PublicUrl;
import cn.fucai.cms.common.paging.Cursor;
import cn.fucai.cms.common.paging.NewestFirst;
import cn.fucai.cms.common.paging.Page;
import cn.fucai.cms.common.sql.Database;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.media.MediaDtos.MediaText;
import cn.fucai.cms.media.MediaResponse.Rendition;
import cn.fucai.cms.publisher.PublisherRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Media as the API shows it, read in SQL: the one place that renders an item, with its URLs. */
@ApplicationScoped
class MediaReads {

    /**
     * An item, its publisher, its texts in other locales, and whether published content shows it: each {@code EXISTS}
     * on media_use has {@code offset 0}, which keeps it a probe of media_use's key for each row read; without it,
     * PostgreSQL may run it once into a hash of every visible use, whatever the page needs (MediaListPlanTest).
     */
    private static final String SELECT = """
            select m.*, %s, t.locales, t.titles, t.alts, t.captions,
                   exists (select 1 from media_use u where u.media_id = m.id and u.visible offset 0) as visible
            from media m join publisher_ref p on p.id = m.publisher_id
            left join lateral (select array_agg(t.locale order by t.locale) as locales,
                                      array_agg(t.title order by t.locale) as titles,
                                      array_agg(t.alt order by t.locale) as alts,
                                      array_agg(t.caption order by t.locale) as captions
                               from media_translation t where t.media_id = m.id) t on true
            where true""".formatted(PublisherRef.COLUMNS);

    @Inject
    Jdbi jdbi;

    @Inject
    PublicUrl publicUrl;

    /**
     * What a list asks for: a publisher, images or PDFs, words in the title or alt text, items used or not; the
     * caller's scope.
     */
    record Filter(UUID publisherId, MediaKind kind, String text, Boolean unused, Set<UUID> scope) {}

    /** An item as stored, deleted or not; empty when there is none. */
    Optional<Stored> byId(UUID id) {
        Sql sql = new Sql(SELECT).append(" and m.id = :id", "id", id);
        return jdbi.withHandle(handle -> sql.query(handle).map(this::row).findOne());
    }

    /** The live items with this content, of any publisher. */
    List<Stored> byContent(String sha256) {
        Sql sql = new Sql(SELECT).append(" and m.sha256 = :sha256 and m.deleted_at is null", "sha256", sha256);
        return jdbi.withHandle(handle -> sql.query(handle).map(this::row).list());
    }

    /** Live items that published content uses, in id order after {@code afterId}: what partner mirrors hold. */
    List<Stored> publicAfter(UUID publisherId, UUID afterId, int limit) {
        Sql sql = new Sql(SELECT)
                .append(" and m.deleted_at is null and m.id > :after", "after", afterId)
                .append(" and exists (select 1 from media_use u where u.media_id = m.id and u.visible)");
        sql.appendIfSet(" and m.publisher_id = :publisher", "publisher", publisherId);
        sql.append(" order by m.id limit :limit", "limit", limit);
        return jdbi.withHandle(handle -> sql.query(handle).map(this::row).list());
    }

    /** Items by id, deleted or not; ids of no item are left out. */
    List<Stored> byIds(Collection<UUID> ids) {
        Sql sql = new Sql(SELECT).append(" and m.id = any(:ids)", "ids", ids.toArray(UUID[]::new));
        return jdbi.withHandle(handle -> sql.query(handle).map(this::row).list());
    }

    /** The ids of a publisher's live items, in id order. */
    List<UUID> liveIdsOf(UUID publisherId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select id from media where publisher_id = :publisher and deleted_at is null order by id")
                .bind("publisher", publisherId)
                .mapTo(UUID.class)
                .list());
    }

    /** A page of live items, newest first. */
    Page<MediaResponse> page(Filter filter, Cursor after, int limit, String fingerprint) {
        Sql sql = pageStatement(filter, after, limit);
        List<Stored> rows =
                jdbi.withHandle(handle -> sql.query(handle).map(this::row).list());
        return Page.fromLookahead(
                        rows,
                        limit,
                        last -> NewestFirst.cursorAfter(
                                fingerprint,
                                last.response().createdAt(),
                                last.response().id()))
                .map(Stored::response);
    }

    /** The statement of a page: one row more than {@code limit}, to tell whether another page follows. */
    static Sql pageStatement(Filter filter, Cursor after, int limit) {
        Sql sql = new Sql(SELECT).append(" and m.deleted_at is null");
        sql.appendIfSet(" and m.publisher_id = :publisher", "publisher", filter.publisherId());
        if (filter.scope() != null) {
            // beyond the caller's publishers, what published content shows (offset 0: see SELECT)
            sql.append(
                    " and (m.publisher_id = any(:scope)"
                            + " or exists (select 1 from media_use u where u.media_id = m.id and u.visible offset 0))",
                    "scope",
                    filter.scope().toArray(UUID[]::new));
        }
        if (filter.kind() != null) {
            sql.append(
                    filter.kind() == MediaKind.pdf
                            ? " and m.media_type = 'application/pdf'"
                            : " and m.media_type like 'image/%'");
        }
        if (filter.text() != null) {
            sql.append(
                    " and (strpos(lower(coalesce(m.title, '')), lower(:text)) > 0"
                            + " or strpos(lower(coalesce(m.alt, '')), lower(:text)) > 0)",
                    "text",
                    filter.text());
        }
        if (filter.unused() != null) {
            sql.append((filter.unused() ? " and not" : " and")
                    + " exists (select 1 from media_use u where u.media_id = m.id)");
        }
        return NewestFirst.page(sql, "m.created_at", "m.id", after, limit);
    }

    /**
     * An item with what decides who may see it: its publisher, whether it is deleted, and whether published content
     * uses it ({@code visible}: then everyone may).
     */
    record Stored(MediaResponse response, UUID publisherId, boolean deleted, boolean visible, long version) {}

    private Stored row(ResultSet rs, StatementContext context) throws SQLException {
        String sha256 = rs.getString("sha256");
        String mediaType = rs.getString("media_type");
        List<Rendition> renditions = new ArrayList<>();
        String renditionType = MediaFiles.renditionType(mediaType);
        for (Integer width : integers(rs.getArray("renditions"))) {
            String webp = rs.getBoolean("webp_renditions") ? url(sha256, "w" + width + ".webp") : null;
            renditions.add(new Rendition(width, renditionType, url(sha256, "w" + width), webp));
        }
        List<String> locales = Database.strings(rs, "locales");
        List<String> titles = Database.strings(rs, "titles");
        List<String> alts = Database.strings(rs, "alts");
        List<String> captions = Database.strings(rs, "captions");
        List<MediaText> translations = new ArrayList<>(locales.size());
        for (int i = 0; i < locales.size(); i++) {
            translations.add(new MediaText(locales.get(i), titles.get(i), alts.get(i), captions.get(i)));
        }
        UUID id = rs.getObject("id", UUID.class);
        MediaResponse response = new MediaResponse(
                id,
                PublisherRef.ROW.map(rs, context),
                mediaType,
                rs.getString("original_name"),
                rs.getLong("bytes"),
                sha256,
                (Integer) rs.getObject("width"),
                (Integer) rs.getObject("height"),
                (Integer) rs.getObject("pages"),
                url(sha256, "original"),
                renditions,
                MediaInspector.PDF.equals(mediaType)
                        ? null
                        : rs.getObject("focal_x") == null
                                ? FocalPoint.CENTRE
                                : new FocalPoint(rs.getDouble("focal_x"), rs.getDouble("focal_y")),
                rs.getString("locale"),
                rs.getString("title"),
                rs.getString("alt"),
                rs.getString("caption"),
                rs.getString("credit"),
                rs.getString("source_url"),
                translations,
                Database.instant(rs, "created_at"),
                Database.instant(rs, "updated_at"));
        return new Stored(
                response,
                rs.getObject("publisher_id", UUID.class),
                rs.getObject("deleted_at") != null,
                rs.getBoolean("visible"),
                rs.getLong("version"));
    }

    /** The address of one of an item's files. */
    String url(String sha256, String variant) {
        return publicUrl.of("/api/v1/media-files/" + sha256 + "/" + variant).toString();
    }

    private static List<Integer> integers(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<Integer> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add((Integer) value);
        }
        return values;
    }
}
