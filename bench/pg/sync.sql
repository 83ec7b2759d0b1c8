-- GET /api/v1/sync/articles?limit=20&cursor=…: a snapshot page (SyncService, ArticleStates) read whole: the feed's
-- starting point, then 20 published articles in id order after a random one, with publisher and every published
-- translation. The same statement as ArticleStates.READ: change both together (as bench/pg/list*.sql with
-- ArticleListQuery). The endpoint reads this only for the articles whose representation it does not keep (every one,
-- the first time a page is read); a page it keeps them all for is one statement of versions without the texts
-- (ArticleVersion.SELECT), so the endpoint can serve more pages than this SQL alone.
\set n random(1, 2000)
select pg_snapshot_xmin(pg_current_snapshot())::text;
select a.id, a.slug, a.locale, a.title, a.summary, a.body, a.category, a.tags, a.region_codes, a.published_at,
       a.unpublish_at, a.source_name, a.source_url, a.author, a.cover, a.status, a.release, a.created_at, a.updated_at, a.deleted_at,
       p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       a.version, a.first_published_at is not null as ever_published, p.version as publisher_version,
       p.updated_at as publisher_updated_at, t.locales as translation_locales, t.titles, t.summaries, t.bodies
from article a join publisher p on p.id = a.publisher_id
left join lateral (select array_agg(t.locale order by t.locale) as locales, array_agg(t.title order by t.locale) as titles,
                          array_agg(t.summary order by t.locale) as summaries, array_agg(t.body order by t.locale) as bodies
                   from article_translation t where t.article_id = a.id and t.status = 'published') t on true
where a.status = 'published' and a.deleted_at is null and a.id > (select id from bench_article where n = :n)
order by a.id limit 20;
