package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.UuidEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;
import java.time.Instant;

/** The same article in another locale (BCP 47); part of the {@link Article} aggregate. */
@Entity
public class ArticleTranslation extends UuidEntity {

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
