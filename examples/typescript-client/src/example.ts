// What a front end does first: the latest articles, one article in English, and the fund's uses in Zhejiang.
// In a page served beside the API, or in Node 20+ against `bash scripts/run.sh` (compile with tsc, then run the .js).
import { ContentApi } from "./client.js";

const api = new ContentApi("http://localhost:8080");

const page = await api.listArticles({ limit: 5 });
for (const article of page.items ?? []) {
  console.log(article.publishedAt, article.publisher?.name, article.title);
}
const first = page.items?.[0];
if (first?.id !== undefined) {
  const { article, etag } = await api.getArticle(first.id, undefined, "en");
  console.log(article.locale, article.title, etag);
}
const uses = await api.fundFigures({ flow: "used", region: "330000" });
console.log(`${uses.items?.length ?? 0} fund figures for Zhejiang`);

// What an editor's tool does: upload an image for its publisher, then show it at the width a page needs.
// (A token with the editor role for wenzhou-fucai; bash scripts/run.sh writes an admin one to target/admin-token.)
const editor = new ContentApi("http://localhost:8080", "<editor token>");
const pixel = Uint8Array.from(atob("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="), (c) => c.charCodeAt(0));
// One Idempotency-Key per upload, the same on every retry: a retry after a timeout gets the first answer back.
const uploadKey = crypto.randomUUID();
const media = await editor.uploadMedia(
  "wenzhou-fucai",
  new Blob([pixel], { type: "image/webp" }),
  "点.webp",
  { alt: "示例图片" },
  uploadKey,
);
console.log(media.id, media.mediaType, media.width, media.url);
for (const rendition of media.renditions) {
  console.log(rendition.width, rendition.url);
}

