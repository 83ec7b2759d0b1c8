package cn.fucai.cms.common.sql;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.TypedQuery;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** A written aggregate's entity, identified by a time-ordered UUID (version 7) made on insert. */
@MappedSuperclass
public abstract class UuidEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    /**
     * Whether a query of ids ({@code select e.id from ... where ...}, positional parameters) finds one: a statement that
     * Hibernate interprets once and keeps, where Panache's {@code count} has it derive a count query at every call (13 %
     * of an article write's CPU, docs/performance.md#kept-tokens-on-the-event-loop).
     */
    protected static boolean anyId(String idQuery, Object... parameters) {
        TypedQuery<UUID> query = Panache.getEntityManager().createQuery(idQuery, UUID.class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return !query.setMaxResults(1).getResultList().isEmpty();
    }
}
