package cn.fucai.cms.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/** The same article in another locale (BCP 47); part of the {@link Article} aggregate. */
@Entity
public class ArticleTranslation extends PanacheEntityBase {

    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Article article;

    public String locale;
    public String title;
    public String summary;
    public String body;

    public Instant createdAt;

    public Instant updatedAt;

    ArticleContent.Localized content() {
        return new ArticleContent.Localized(locale, title, summary, body);
    }
}
