package cn.fucai.cms.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The partner sync feed. */
@ConfigMapping(prefix = "cms.sync")
interface SyncConfig {

    /** Days changes stay in the feed; an older cursor gets 410 and starts again from a snapshot (CMS_SYNC_RETENTION_DAYS). */
    @WithDefault("30")
    int retentionDays();

    /**
     * MiB of articles' JSON the feed keeps as written, by version and locale, for the next mirror that reads them
     * (CMS_SYNC_RENDERED_ARTICLES_MIB); 0 keeps none.
     */
    @WithDefault("32")
    int renderedArticlesMib();
}
