-- GET /api/v1/articles: the first keyset page of 20 (and one to know there is more): what places each row and decides
-- its summary (ArticleListQuery.KEYS); the summaries of articles listed since they last changed are kept, so a page of
-- them is this one statement (the benchmark's pages, read again and again, always are).
select a.id, a.version, a.locale, a.translation_locales, a.published_at, a.updated_at, null::text as title
from article a
where a.deleted_at is null and a.status = 'published'
order by coalesce(a.published_at, '-infinity'::timestamptz) desc, a.id desc limit 21;
