package cn.fucai.cms.article;

import cn.fucai.cms.support.ResponseCacheOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The preview tests again with the response cache on: a preview is never kept, so it ends when its link does. */
@QuarkusTest
@TestProfile(ResponseCacheOn.class)
class ArticlePreviewCachedTest extends ArticlePreviewTest {}
