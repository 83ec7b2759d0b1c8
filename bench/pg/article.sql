-- GET /api/v1/articles/{id}, computed, for a reader who states no locale: the article with its publisher and the
-- locales of its published translations, no translation's text (ArticleStates.READ_ORIGINAL); the id is one of the 2,000
-- the HTTP run picks from (bench_article, by its primary key).
-- BenchStatementsTest keeps every script here the service's own statements: change both together.
\set n random(1, 2000)
select a.id, a.slug, a.locale, a.title, a.summary, a.body, a.category, a.tags, a.region_codes, a.published_at,
       a.unpublish_at, a.source_name, a.source_url, a.author, a.cover, a.status, a.release, a.created_at,
       a.updated_at, a.deleted_at,
       p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       a.version, a.first_published_at is not null as ever_published, p.version as publisher_version,
       p.updated_at as publisher_updated_at, a.translation_locales, null::text[] as text_locales,
       null::text[] as titles, null::text[] as summaries, null::text[] as bodies
from article a cross join lateral (select * from publisher_ref p where p.id = a.publisher_id offset 0) p
where a.id = (select id from bench_article where n = :n);
