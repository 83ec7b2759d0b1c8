package cn.fucai.cms.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The noun a path is about, as the conventions name it in "No such …" and "… id", and the operation ids they give. */
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

    @ParameterizedTest
    @CsvSource({
        "createFigure, /api/v1/fund-figures, createFundFigure",
        "listFigureRevisions, /api/v1/sales-figures/{id}/revisions, listSalesFigureRevisions",
        "summarizeFigures, /api/v1/fund-figures/summary, summarizeFundFigures",
        "importFigures, /api/v1/indicator-figures/batch, importIndicatorFigures",
        "listArticles, /api/v1/articles, listArticles",
        "getArticleBySlug, /api/v1/publishers/{idOrSlug}/articles/{slug}, getArticleBySlug"
    })
    void anInheritedFigureOperationIsNamedForItsKind(String methodName, String path, String operationId) {
        assertEquals(operationId, OpenApiConventions.operationId(methodName, path));
    }
}
