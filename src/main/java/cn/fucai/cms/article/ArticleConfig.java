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

    /**
     * Statements at once reading articles by id from outside a transaction, for each kind of read (an article's
     * validators for a revalidation; an article in its original locale); reads arriving meanwhile share the next
     * statement, up to 32 articles in one, an anonymous reader's without holding a worker thread while it waits
     * (CMS_ARTICLES_COALESCED_READS). 0 reads each in a statement of its own, as does a service with a replica. In turns,
     * 1 served computed reads by id 1.3-2.8 times as fast and the realistic mix as fast as 0
     * (docs/performance.md#the-second-side-of-a-round).
     */
    @WithDefault("1")
    int coalescedReads();
}
