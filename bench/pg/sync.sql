-- GET /api/v1/sync/articles?limit=20&cursor=…, computed: the feed's horizon, then the versions of 20 published
-- articles in id order after one of the 2,000 (ArticleStates.publishedAfterStatement). That is all a page runs while
-- the service keeps its articles' JSON by those versions, as it does for the benchmark's 300 cursors; a page whose
-- articles it does not keep also reads them whole by id (article.sql's statement, for 20 ids at once).
\set n random(1, 2000)
select pg_snapshot_xmin(pg_current_snapshot())::text;
select a.id, a.publisher_id, a.status, a.deleted_at is not null as deleted, a.version, p.version as publisher_version
from article a cross join lateral (select * from publisher_ref p where p.id = a.publisher_id offset 0) p
where a.status = 'published' and a.deleted_at is null and a.id > (select (select id from bench_article where n = :n)::uuid)
order by a.id limit 20;
