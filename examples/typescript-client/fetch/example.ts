// The same start with openapi-generator's typescript-fetch client. The service's build generates it into
// target/generated-clients/typescript-fetch (pom.xml, openapi-generator-maven-plugin); a team generates it into its
// own tree with the one-line command in the README.
import {
  AmountInputUnitEnum,
  ArticleSort,
  ArticlesApi,
  Configuration,
  FundFiguresApi,
  FundFlow,
} from "../../../target/generated-clients/typescript-fetch/index";

const config = new Configuration({ basePath: "http://localhost:8080" });
const articles = new ArticlesApi(config);

// The five newest articles about Zhejiang (330000 includes its cities and counties), each read again in English.
const page = await articles.listArticles({ region: "330000", sort: ArticleSort.PUBLISHED_AT_DESC, limit: 5 });
for (const summary of page.items) {
  const article = await articles.getArticle({ id: summary.id, locale: "en" });
  console.log(article.publishedAt?.toISOString(), article.locale, article.title);
}

// Zhejiang's fund raised: amounts are exact decimal strings in yuan; units are named (万元 is WAN_YUAN).
const raised = await new FundFiguresApi(config).listFundFigures({ region: "330000", flow: FundFlow.Raised, limit: 5 });
for (const figure of raised.items) {
  console.log(figure.period?.label, figure.amount?.amount, figure.amount?.currency);
}
console.log("a unit to send:", AmountInputUnitEnum.WAN_YUAN);
