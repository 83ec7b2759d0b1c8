package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The noun a path is about, as the conventions name it in "No such …" and "… id". */
class OpenApiConventionsTest {

    @ParameterizedTest
    @CsvSource({
        "/api/v1/articles/{id}, article",
        "/api/v1/fund-figures/{id}/corrections, fund figure",
        "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver, webhook",
        "/api/v1/publishers/{idOrSlug}/articles/{slug}, publisher",
        "/api/v1/articles, resource"
    })
    void aPathIsAboutTheCollectionBeforeItsFirstId(String path, String noun) {
        assertEquals(noun, OpenApiConventions.nounOf(path));
    }
}
