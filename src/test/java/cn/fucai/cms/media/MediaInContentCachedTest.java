package cn.fucai.cms.media;

import cn.fucai.cms.support.ResponseCacheOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The media-in-articles scenarios again with the response cache on: the answers kept for anonymous readers, and the
 * media service's own lookups of who may see a file, follow every publish, unpublish and delete at once.
 */
@QuarkusTest
@TestProfile(ResponseCacheOn.class)
class MediaInContentCachedTest extends MediaInContentTest {}
