package cn.fucai.cms.article;

import cn.fucai.cms.support.ResponseCacheOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The scheduling scenarios again with the response cache on: lists, searches, feeds and reads that anonymous readers
 * asked for before an article's time are cached, and must not outlive its publication or its archiving.
 */
@QuarkusTest
@TestProfile(ResponseCacheOn.class)
class ScheduledPublishingCachedTest extends ScheduledPublishingTest {}
