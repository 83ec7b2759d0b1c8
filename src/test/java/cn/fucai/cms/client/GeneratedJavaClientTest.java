package cn.fucai.cms.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.fucai.client.ApiClient;
import cn.fucai.client.ApiException;
import cn.fucai.client.api.ArticlesApi;
import cn.fucai.client.api.FundFiguresApi;
import cn.fucai.client.api.FundFiguresApi.APICreateFundFigureRequest;
import cn.fucai.client.api.MediaApi;
import cn.fucai.client.api.SyncApi;
import cn.fucai.client.model.AmountInput;
import cn.fucai.client.model.Article;
import cn.fucai.client.model.ArticleSort;
import cn.fucai.client.model.ArticleSummary;
import cn.fucai.client.model.Figure;
import cn.fucai.client.model.FigureRequest;
import cn.fucai.client.model.FundFlow;
import cn.fucai.client.model.FundInput;
import cn.fucai.client.model.Granularity;
import cn.fucai.client.model.LotteryType;
import cn.fucai.client.model.Media;
import cn.fucai.client.model.MediaDescription;
import cn.fucai.client.model.PeriodInput;
import cn.fucai.client.model.Qualifier;
import cn.fucai.client.model.SourceInput;
import cn.fucai.client.model.SyncItem;
import cn.fucai.cms.media.MediaFixtures;
import cn.fucai.cms.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client a partner team generates with openapi-generator (the pom generates it from openapi/openapi.yaml
 * before the tests compile), used as they would use it against the running service.
 */
@QuarkusTest
class GeneratedJavaClientTest {

    private static ApiClient client() {
        ApiClient client = new ApiClient();
        client.setScheme("http");
        client.setHost("localhost");
        client.setPort(RestAssured.port);
        client.setBasePath("");
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TestData.ADMIN_TOKEN));
        return client;
    }

    @Test
    void listsReadsInALocaleCreatesAFigureInWanYuanAndFollowsTheChangeFeed() throws ApiException {
        String publisher = TestData.createPublisher();
        Map<String, Object> body = TestData.article(publisher, TestData.uniqueSlug("client"));
        body.put("translations", List.of(TestData.translation("en", "Wenzhou welfare lottery sales top 2 billion")));
        UUID id = UUID.fromString(TestData.createArticleId(body));
        ArticlesApi articles = new ArticlesApi(client());

        List<UUID> listed = articles
                .listArticles(ArticlesApi.APIListArticlesRequest.newBuilder()
                        .publisher(publisher)
                        .region("330000")
                        .sort(ArticleSort.PUBLISHED_AT_DESC)
                        .limit(20)
                        .build())
                .getItems()
                .stream()
                .map(ArticleSummary::getId)
                .toList();
        assertEquals(List.of(id), listed);

        // request objects, not positional arguments: those follow the parameters' order, which a new one changes
        Article english = articles.getArticle(ArticlesApi.APIGetArticleRequest.newBuilder()
                .id(id)
                .locale("en")
                .build());
        assertEquals("en", english.getLocale());
        assertEquals("zh-CN", english.getOriginalLocale());
        assertEquals("Wenzhou welfare lottery sales top 2 billion", english.getTitle());

        FundFiguresApi fund = new FundFiguresApi(client());
        FigureRequest request = new FigureRequest()
                .publisher(publisher)
                .regionCode("330300")
                .period(new PeriodInput()
                        .start(LocalDate.of(2019, 1, 1))
                        .end(LocalDate.of(2019, 12, 31))
                        .granularity(Granularity.YEAR))
                .lotteryType(LotteryType.WELFARE)
                .amount(new AmountInput().value("743.9").unit(AmountInput.UnitEnum.WAN_YUAN))
                .qualifier(Qualifier.EXACT)
                .source(new SourceInput()
                        .url("https://www.example.org/wenzhou/2019")
                        .quote("全年筹集公益金743.9万元"))
                .fund(new FundInput().flow(FundFlow.RAISED));
        // the same Idempotency-Key on a retry: the first answer again, not a second figure
        String key = UUID.randomUUID().toString();
        Figure created = fund.createFundFigure(APICreateFundFigureRequest.newBuilder()
                .figureRequest(request)
                .idempotencyKey(key)
                .build());
        Figure retried = fund.createFundFigure(APICreateFundFigureRequest.newBuilder()
                .figureRequest(request)
                .idempotencyKey(key)
                .build());
        assertEquals(created.getId(), retried.getId());
        assertEquals("7439000.00", created.getAmount().getAmount());
        assertEquals("CNY", created.getAmount().getCurrency());
        assertEquals(
                "7439000.00",
                fund.getFundFigure(created.getId(), null).getAmount().getAmount());

        List<SyncItem> changes = new SyncApi(client())
                .syncArticles(SyncApi.APISyncArticlesRequest.newBuilder()
                        .publisher(publisher)
                        .limit(100)
                        .build())
                .getItems();
        assertEquals(List.of(id), changes.stream().map(SyncItem::getId).toList());
        assertEquals(SyncItem.TypeEnum.UPSERT, changes.get(0).getType());
        assertEquals("温州福彩2019年销量再破20亿", changes.get(0).getArticle().getTitle());
    }

    /**
     * The generated upload sends the multipart form, its fields under their own names. Its texts go as ISO-8859-1
     * (httpmime's default; Chinese arrives as "?"), so the texts follow as JSON through describeMedia, as the README
     * says.
     */
    @Test
    void uploadsAnImageThenDescribesItInChinese() throws ApiException, IOException {
        String publisher = TestData.createPublisher();
        Path image = Files.createTempFile("report-", ".png");
        try {
            Files.write(image, MediaFixtures.png(64, 48, 7201));
            MediaApi media = new MediaApi(client());
            Media uploaded = media.uploadMedia(MediaApi.APIUploadMediaRequest.newBuilder()
                    .publisher(publisher)
                    ._file(image.toFile())
                    .title("福彩中心新址")
                    .idempotencyKey(UUID.randomUUID().toString())
                    .build());
            assertEquals(publisher, uploaded.getPublisher().getSlug());
            assertEquals("image/png", uploaded.getMediaType());
            assertEquals(64, uploaded.getWidth());
            assertEquals(image.getFileName().toString(), uploaded.getOriginalName());
            assertEquals(
                    "??????", uploaded.getTitle(), "the generator's form is ISO-8859-1: if this holds no more, say so");

            Media described = media.describeMedia(MediaApi.APIDescribeMediaRequest.newBuilder()
                    .id(uploaded.getId())
                    .mediaDescription(new MediaDescription()
                            .title("福彩中心新址")
                            .alt("福彩中心大楼正门")
                            .credit("温州市福彩中心"))
                    .build());
            assertEquals(uploaded.getId(), described.getId());
            assertEquals("福彩中心新址", described.getTitle());
            assertEquals("福彩中心大楼正门", described.getAlt());
            assertEquals("温州市福彩中心", described.getCredit());
        } finally {
            Files.delete(image);
        }
    }
}
