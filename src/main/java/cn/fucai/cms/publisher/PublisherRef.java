package cn.fucai.cms.publisher;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jdbi.v3.core.mapper.RowMapper;

/** A publisher as shown with what it published: enough to name and link it. */
@Schema(name = "PublisherRef", description = "The publisher, as shown with its articles and figures")
public record PublisherRef(
        @Schema(example = "0190b8a2-7c41-7cde-9f43-5b7e0f0e3a11")
        UUID id,

        @Schema(example = "wenzhou-fucai") String slug,
        @Schema(example = "温州市福利彩票发行中心") String name,

        @Schema(example = "Wenzhou Welfare Lottery Issuance Center", nullable = true)
        String nameEn) {

    /**
     * The select-list of a publisher joined as {@code p} from the view publisher_ref, which this feature publishes for
     * the others to join: in the column names {@link #ROW} reads.
     */
    public static final String COLUMNS =
            "p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en";

    /**
     * The join that gives each row of {@code alias} its publisher as {@code p}, for {@link #COLUMNS}: each row's
     * publisher read on its own, a probe of its primary key (or, while the table is a page or two, that page). The
     * lateral subquery with {@code offset 0} is planned on its own, so it stays so whatever the statistics and the
     * number of rows say: a plain join, planned for a list of ids of unknown length, hashed every publisher (the
     * benchmark's 364; the country has some 3,000) to place a few articles.
     */
    public static String joinedTo(String alias) {
        return " cross join lateral (select * from publisher_ref p where p.id = " + alias + ".publisher_id offset 0) p";
    }

    /** Reads the {@link #COLUMNS} of a row. */
    public static final RowMapper<PublisherRef> ROW = (rs, context) -> new PublisherRef(
            rs.getObject("publisher_id", UUID.class),
            rs.getString("publisher_slug"),
            rs.getString("publisher_name"),
            rs.getString("publisher_name_en"));

    public static PublisherRef from(Publisher publisher) {
        return new PublisherRef(publisher.id, publisher.slug, publisher.name, publisher.nameEn);
    }
}
