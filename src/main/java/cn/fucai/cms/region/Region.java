package cn.fucai.cms.region;

import cn.fucai.cms.common.error.InvalidInputException;
import cn.fucai.cms.common.validation.Patterns;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A GB/T 2260 administrative division: reference data loaded by migration, read-only through the API. */
@Entity
public class Region extends PanacheEntityBase {

    /** The code of the country, the root of the tree. */
    public static final String COUNTRY = "000000";

    @Id
    public String code;

    public String name;

    @Enumerated(EnumType.STRING)
    public RegionLevel level;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The code itself when it is six digits; otherwise a 400 naming {@code field}. */
    public static String requireWellFormed(String code, String field) {
        if (code == null || !code.matches(Patterns.REGION_CODE)) {
            throw new InvalidInputException(
                    field, "must be a six-digit GB/T 2260 code such as 330300; was '" + code + "'");
        }
        return code;
    }

    /** The code itself when a region has it; otherwise a 400 naming {@code field}. */
    public static String requireKnown(String code, String field) {
        if (findById(requireWellFormed(code, field)) == null) {
            throw new InvalidInputException(field, "unknown region code " + code);
        }
        return code;
    }

    /** The code and the codes of every region below it, for filters that roll sub-regions up. */
    @SuppressWarnings("unchecked")
    public static List<String> withDescendants(String code) {
        return getEntityManager()
                .createNativeQuery("""
                with recursive down as (
                    select code from region where code = :code
                    union all
                    select r.code from region r join down on r.parent_code = down.code)
                select code from down""", String.class)
                .setParameter("code", code)
                .getResultList();
    }

    /** One page of regions in code order, after {@code afterCode}, optionally of one level and one parent. */
    public static List<Region> page(RegionLevel level, String parentCode, String afterCode, int rows) {
        StringBuilder query = new StringBuilder("code > :after");
        Parameters params = Parameters.with("after", afterCode == null ? "" : afterCode);
        if (level != null) {
            query.append(" and level = :level");
            params.and("level", level);
        }
        if (parentCode != null) {
            query.append(" and parentCode = :parent");
            params.and("parent", parentCode);
        }
        return find(query.toString(), Sort.by("code"), params).page(0, rows).list();
    }

    /** This region's ancestors, from the country down to its parent, in one recursive query. */
    @SuppressWarnings("unchecked")
    public List<Region> ancestors() {
        if (parentCode == null) {
            return List.of();
        }
        return getEntityManager()
                .createNativeQuery("""
                with recursive up as (
                    select r.*, 0 as depth from region r where r.code = :code
                    union all
                    select p.*, up.depth + 1 from region p join up on p.code = up.parent_code)
                select code, name, level, parent_code, created_at, updated_at from up order by depth desc""", Region.class)
                .setParameter("code", parentCode)
                .getResultList();
    }

    /**
     * Every code in {@code codes} plus all their ancestors: the set an article's region filter matches on.
     * Codes that do not exist are returned in {@code unknown}.
     */
    @SuppressWarnings("unchecked")
    public static Lineage lineage(Collection<String> codes) {
        if (codes.isEmpty()) {
            return new Lineage(Set.of(), List.of());
        }
        List<String> found = getEntityManager()
                .createNativeQuery("""
                with recursive up as (
                    select code, parent_code from region where code = any(cast(:codes as varchar[]))
                    union
                    select p.code, p.parent_code from region p join up on p.code = up.parent_code)
                select code from up""", String.class)
                .setParameter("codes", codes.toArray(String[]::new))
                .getResultList();
        Set<String> scope = new TreeSet<>(found);
        List<String> unknown = new ArrayList<>();
        for (String code : codes) {
            if (!scope.contains(code)) {
                unknown.add(code);
            }
        }
        return new Lineage(scope, unknown);
    }

    /** Parent code of every given region and of all their ancestors, for walking up the tree in memory. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> parentsOf(Collection<String> codes) {
        Map<String, String> parents = new HashMap<>();
        if (codes.isEmpty()) {
            return parents;
        }
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("""
                with recursive up as (
                    select code, parent_code from region where code = any(cast(:codes as varchar[]))
                    union
                    select p.code, p.parent_code from region p join up on p.code = up.parent_code)
                select code, parent_code from up""")
                .setParameter("codes", codes.toArray(String[]::new))
                .getResultList();
        for (Object[] row : rows) {
            parents.put((String) row[0], (String) row[1]);
        }
        return parents;
    }

    /** The result of {@link #lineage}: the roll-up scope and any codes that matched no region. */
    public record Lineage(Set<String> scope, List<String> unknown) {}
}
