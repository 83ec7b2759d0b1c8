package cn.fucai.cms.publisher;

import cn.fucai.cms.common.sql.Sql;
import cn.fucai.cms.publisher.PublisherDtos.PublisherResponse;
import cn.fucai.cms.security.PublisherTree;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowViewMapper;

/** Publishers read in SQL: a page of the list, and the tree walked in one recursive statement. */
@ApplicationScoped
class PublisherQueries implements PublisherTree {

    private static final RowViewMapper<PublisherResponse> ROW = row -> new PublisherResponse(
            row.getColumn("id", UUID.class),
            row.getColumn("slug", String.class),
            row.getColumn("name", String.class),
            row.getColumn("name_en", String.class),
            row.getColumn("level", PublisherLevel.class),
            row.getColumn("kind", PublisherKind.class),
            row.getColumn("region_code", String.class),
            row.getColumn("parent_id", UUID.class),
            row.getColumn("website", String.class),
            row.getColumn("created_at", Instant.class),
            row.getColumn("updated_at", Instant.class));

    private final Jdbi jdbi;

    PublisherQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
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
                        select id, slug, name, name_en, level, kind, region_code, parent_id, website, created_at, updated_at
                        from publisher where deleted_at is null and slug > :after""").bind("after", afterSlug == null ? "" : afterSlug);
        if (level != null) {
            sql.append(" and level = :level", "level", level);
        }
        if (kind != null) {
            sql.append(" and kind = :kind", "kind", kind);
        }
        if (regionCodes != null) {
            sql.append(" and region_code = any(:regions)", "regions", regionCodes.toArray(String[]::new));
        }
        if (parentId != null) {
            sql.append(" and parent_id = :parent", "parent", parentId);
        }
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
