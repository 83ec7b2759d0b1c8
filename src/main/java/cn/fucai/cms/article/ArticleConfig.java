package cn.fucai.cms.article;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Articles. */
@ConfigMapping(prefix = "cms.articles")
interface ArticleConfig {

    /**
     * MiB of list summaries kept as written, by article version, publisher version and locale, so that a list page of
     * articles listed before reads no texts (CMS_ARTICLES_KEPT_SUMMARIES_MIB); 0 keeps none, and each page is read whole in
     * one statement.
     */
    @WithDefault("16")
    int keptSummariesMib();
}
