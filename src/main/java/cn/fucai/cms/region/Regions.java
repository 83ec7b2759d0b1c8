package cn.fucai.cms.region;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The region tree: read once into memory for lookups and walks up the tree (GB/T 2260 changes only by migration), in
 * SQL for pages and walks down.
 */
@ApplicationScoped
public class Regions {

    @Inject
    Jdbi jdbi;

    /** Every region by code, read once: GB/T 2260 is reference data that only a migration changes. */
    private volatile Map<String, Region> byCode;

    public Optional<Region> find(String code) {
        return Optional.ofNullable(byCode().get(code));
    }

    private Map<String, Region> byCode() {
        Map<String, Region> regions = byCode;
        if (regions == null) {
            regions = jdbi
                    .withHandle(handle -> handle.createQuery("select " + Region.COLUMNS + " from region")
                            .map(Region.ROW)
                            .list())
                    .stream()
                    .collect(Collectors.toUnmodifiableMap(Region::code, region -> region));
            byCode = regions;
        }
        return regions;
    }

    /** The code itself when a region has it; otherwise a 400 naming {@code field}. */
    public String requireKnown(String code, String field) {
        if (find(Region.requireWellFormed(code, field)).isEmpty()) {
            throw new InvalidInputException(field, "unknown region code " + code);
        }
        return code;
    }

    /** The code and the codes of every region below it, for filters that roll sub-regions up. */
    public List<String> withDescendants(String code) {
        return jdbi.withHandle(handle ->
                handle.createQuery("""
                        with recursive down as (
                            select code from region where code = :code
                            union all
                            select r.code from region r join down on r.parent_code = down.code)
                        select code from down""").bind("code", code).mapTo(String.class).list());
    }

    /** One page of regions in code order, after {@code afterCode}, optionally of one level and one parent. */
    List<Region> page(RegionLevel level, String parentCode, String afterCode, int rows) {
        Sql sql = new Sql("select " + Region.COLUMNS + " from region where code > :after")
                .bind("after", afterCode == null ? "" : afterCode);
        sql.appendIfSet(" and level = :level", "level", level);
        sql.appendIfSet(" and parent_code = :parent", "parent", parentCode);
        sql.append(" order by code limit :rows", "rows", rows);
        return jdbi.withHandle(handle -> sql.query(handle).map(Region.ROW).list());
    }

    /** The region's ancestors, from the country down to its parent. */
    List<Region> ancestors(Region region) {
        List<Region> chain = new ArrayList<>();
        for (Region parent = parentOf(region); parent != null; parent = parentOf(parent)) {
            chain.add(0, parent);
        }
        return chain;
    }

    /**
     * Every code in {@code codes} plus all their ancestors: the set an article's region filter matches on.
     * Codes that do not exist are returned in {@code unknown}.
     */
    public Lineage lineage(Collection<String> codes) {
        Set<String> scope = new TreeSet<>(parentsOf(codes).keySet());
        List<String> unknown = new ArrayList<>();
        for (String code : codes) {
            if (!scope.contains(code)) {
                unknown.add(code);
            }
        }
        return new Lineage(scope, unknown);
    }

    private Region parentOf(Region region) {
        return region.parentCode() == null ? null : byCode().get(region.parentCode());
    }

    /** Parent code of every given region and of all their ancestors, for walking up the tree in memory. */
    public Map<String, String> parentsOf(Collection<String> codes) {
        Map<String, Region> regions = byCode();
        Map<String, String> parents = new HashMap<>();
        for (String code : codes) {
            for (Region region = code == null ? null : regions.get(code);
                    region != null && !parents.containsKey(region.code());
                    region = parentOf(region)) {
                parents.put(region.code(), region.parentCode());
            }
        }
        return parents;
    }

    /** The result of {@link #lineage}: the roll-up scope and any codes that matched no region. */
    public record Lineage(Set<String> scope, List<String> unknown) {}
}
