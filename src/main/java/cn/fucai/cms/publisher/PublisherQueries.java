package cn.fucai.cms.publisher;

import cn.fucai.cms.common.http.QueryParams;
import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.publisher.PublisherDtos.PublisherResponse;
import cn.fucai.cms.security.PublisherTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Publishers read in SQL: a page of the list, and the tree walked in one recursive statement. */
@ApplicationScoped
class PublisherQueries implements PublisherTree {

    /** A publisher row, column by column into the record's components (name_en is nameEn). */
    private static final RowMapper<PublisherResponse> ROW = ConstructorMapper.of(PublisherResponse.class);

    @Inject
    Jdbi jdbi;

    /** The publisher with this id, or the live one with this slug, else the latest deleted one with it. */
    Optional<UUID> idOf(String idOrSlug) {
        UUID id = QueryParams.uuidOrNull(idOrSlug);
        return jdbi.withHandle(handle -> id != null
                ? handle.createQuery("select id from publisher where id = :id")
                        .bind("id", id)
                        .mapTo(UUID.class)
                        .findOne()
                : handle.createQuery(
                                "select id from publisher where slug = :slug order by deleted_at desc nulls first limit 1")
                        .bind("slug", idOrSlug)
                        .mapTo(UUID.class)
                        .findOne());
    }

    /** One page of live publishers in slug order, after {@code afterSlug}, filtered by whichever arguments are set. */
    List<PublisherResponse> page(
            PublisherLevel level,
            PublisherKind kind,
            List<String> regionCodes,
            UUID parentId,
            String afterSlug,
            int rows) {
        Sql sql = new Sql("""
                        select id, slug, name, name_en, level, kind, region_code, parent_id, website, requires_review,
                               created_at, updated_at
                        from publisher where deleted_at is null and slug > :after""").bind("after", afterSlug == null ? "" : afterSlug);
        sql.appendIfSet(" and level = :level", "level", level);
        sql.appendIfSet(" and kind = :kind", "kind", kind);
        if (regionCodes != null) {
            sql.append(" and region_code = any(:regions)", "regions", regionCodes.toArray(String[]::new));
        }
        sql.appendIfSet(" and parent_id = :parent", "parent", parentId);
        sql.append(" order by slug limit :rows", "rows", rows);
        return jdbi.withHandle(handle -> sql.query(handle).map(ROW).list());
    }

    @Override
    public Set<UUID> withDescendants(UUID publisherId) {
        return Set.copyOf(jdbi.withHandle(handle -> handle.createQuery("""
                        with recursive down as (
                            select id from publisher where id = :id
                            union
                            select p.id from publisher p join down on p.parent_id = down.id)
                        select id from down""")
                .bind("id", publisherId)
                .mapTo(UUID.class)
                .list()));
    }
}
