-- GET /api/v1/articles/{id} with an If-None-Match that matches, computed: the article's validators without its texts
-- (ArticleValidators.SELECT), which answer the 304; the id is one of the 2,000 the HTTP run picks from.
\set n random(1, 2000)
select a.id, a.publisher_id, a.status, a.deleted_at is not null as deleted,
       a.first_published_at is not null as ever_published, a.locale, a.version, a.updated_at,
       p.version as publisher_version, p.updated_at as publisher_updated_at, a.translation_locales
from article a cross join lateral (select * from publisher_ref p where p.id = a.publisher_id offset 0) p
where a.id = (select id from bench_article where n = :n);
