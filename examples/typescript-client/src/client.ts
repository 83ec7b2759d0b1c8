// A small typed client for the welfare-lottery content API. Every type comes from src/api.d.ts, which
// `npm run generate` writes from ../../openapi/openapi.yaml: when the API changes, regenerate and let tsc say what broke.
import type { components, operations } from "./api.js";

export type Article = components["schemas"]["Article"];
export type ArticleSummary = components["schemas"]["ArticleSummary"];
export type SyncItem = components["schemas"]["SyncItem"];
export type Figure = components["schemas"]["Figure"];
export type Problem = components["schemas"]["Problem"];
export type Media = components["schemas"]["Media"];

type Query<Op extends keyof operations> = operations[Op]["parameters"] extends { query?: infer Q } ? NonNullable<Q> : never;
type Json<Op extends keyof operations> = operations[Op]["responses"] extends { 200: { content: { "application/json": infer B } } } ? B : never;

/** An error answer of the API: always application/problem+json (RFC 9457). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem | undefined) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

export class ContentApi {
  constructor(private readonly baseUrl: string, private readonly token?: string) {}

  /** A page of article summaries, newest first by default; pass `nextCursor` back as `cursor` for the next page. */
  listArticles(query: Query<"listArticles"> = {}): Promise<Json<"listArticles">> {
    return this.get("/api/v1/articles", query);
  }

  /**
   * One article in the preferred locale. With the ETag of a copy you hold, an unchanged article costs a 304 and
   * this resolves to that copy.
   */
  async getArticle(id: string, held?: { article: Article; etag: string }, locale?: string): Promise<{ article: Article; etag: string }> {
    const headers: Record<string, string> = held ? { "If-None-Match": held.etag } : {};
    const response = await this.fetch(`/api/v1/articles/${encodeURIComponent(id)}`, locale ? { locale } : {}, headers);
    if (response.status === 304 && held) {
      return held;
    }
    return { article: (await response.json()) as Article, etag: response.headers.get("ETag") ?? "" };
  }

  /**
   * Mirrors the published articles: every page of the snapshot, then of the change feed, in order. Returns the cursor
   * to poll with next time; `apply` stores an upsert or removes an article.
   */
  async syncArticles(cursor: string | undefined, apply: (item: SyncItem) => Promise<void>): Promise<string> {
    let next = cursor;
    for (;;) {
      const query: Query<"syncArticles"> = next === undefined ? { limit: 100 } : { limit: 100, cursor: next };
      const page: Json<"syncArticles"> = await this.get("/api/v1/sync/articles", query);
      for (const item of page.items ?? []) {
        await apply(item);
      }
      next = page.nextCursor ?? next;
      if (!page.hasMore || next === undefined) {
        return next ?? "";
      }
    }
  }

  /** Public-welfare fund figures, e.g. `{ flow: "used", region: "330000" }`, each with its source. */
  fundFigures(query: Query<"listFundFigures"> = {}): Promise<Json<"listFundFigures">> {
    return this.get("/api/v1/fund-figures", query);
  }

  /**
   * Uploads an image or PDF to a publisher's library (a token that may write for it). The answer gives the item's
   * `url` (the image without its metadata) and its `renditions` at narrower widths; the same bytes again answer the
   * existing item.
   */
  async uploadMedia(
    publisher: string,
    file: Blob,
    name: string,
    description: { title?: string; alt?: string } = {},
    idempotencyKey: string = crypto.randomUUID(),
  ): Promise<Media> {
    const form = new FormData();
    form.set("file", file, name);
    form.set("publisher", publisher);
    for (const [field, value] of Object.entries(description)) {
      if (value !== undefined) {
        form.set(field, value);
      }
    }
    const response = await fetch(new URL("/api/v1/media", this.baseUrl), {
      method: "POST",
      body: form,
      headers: {
        Accept: "application/json",
        // the same key on a retry (after a timeout, say) answers the first upload instead of storing it twice
        "Idempotency-Key": idempotencyKey,
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      },
    });
    if (response.status >= 400) {
      throw new ApiError(response.status, (await response.json()) as Problem);
    }
    return (await response.json()) as Media;
  }

  private async get<T>(path: string, query: object): Promise<T> {
    return (await (await this.fetch(path, query, {})).json()) as T;
  }

  private async fetch(path: string, query: object, headers: Record<string, string>): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) {
        url.searchParams.set(name, String(value));
      }
    }
    const response = await fetch(url, {
      headers: { Accept: "application/json", ...headers, ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
    });
    if (response.status >= 400) {
      const problem = response.headers.get("Content-Type")?.startsWith("application/problem+json")
        ? ((await response.json()) as Problem)
        : undefined;
      throw new ApiError(response.status, problem);
    }
    return response;
  }
}
