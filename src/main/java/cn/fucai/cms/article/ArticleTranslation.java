package cn.fucai.cms.article;

import cn.fucai.cms.common.sql.UuidEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    @Enumerated(EnumType.STRING)
    public TranslationStatus status;

    /** The {@link ArticleContent.Localized#digest} of the original it was made from or checked against. */
    public String originalDigest;

    public Instant createdAt;

    public Instant updatedAt;

    ArticleContent.Translation content() {
        return new ArticleContent.Translation(locale, title, summary, body, status, originalDigest);
    }
}
