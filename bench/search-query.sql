-- The statements GET /api/v1/search runs for a first page of 20 published hits (SearchService), as a pgbench script;
-- bench/search.sh puts the query words in place of the placeholder. Each tier probes the newest articles (200 for
-- titles, 100 for the rest) in their order and stops at the last hit a page needs. When the probe does not fill the
-- page, its hit rate says how far back the page's matches should reach; the GIN index on (text, ranked_at) is read
-- for that stretch of time only, then, if that was not enough, for everything older. The text tier runs only when
-- titles did not fill the page. Unlike bench/pg/*.sql this script is not held to the code by a test, and it is the
-- shape, not the text: SearchService's probe returns a row per hit (pgbench's \gset takes one row, so here it is
-- counted in SQL), and the read of the hits' headings or whole articles that follows is left out.
\set pick random(1, 6)
\set wanted 21
with q as materialized (select TSQUERY as query),
w as materialized (select s.ranked_at from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit 200)
select count(h.article_id) as hits, max(i.n) as n, coalesce(max(i.span), 0) as span, coalesce(max(i.newest), 0) as newest,
    (select reltuples from pg_class where oid = 'article_search'::regclass) as indexed
from (select count(*) as n, extract(epoch from max(ranked_at) - min(ranked_at)) as span, extract(epoch from max(ranked_at)) as newest from w) i
left join lateral (select c.article_id from (select s.article_id, s.ranked_at, s.title from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit 200) c
    where c.title @@ (select query from q) order by c.ranked_at desc, c.article_id desc limit :wanted) h on true \gset
\set found :hits
\if :hits < :wanted and :n = 200
\set reach 1.5 * :wanted * :n / greatest(:hits, 1)
\if :hits > 0 and :span > 0 and :reach * 0.2 + 1.5 * :wanted * 2.7 < :hits * 2.7 / :n * :indexed
\set since :newest - :span * :reach / :n
with q as materialized (select TSQUERY as query)
select count(*) as found from (select s.article_id from article_search s, q where s.title @@ q.query and s.status = 'published'
    and s.ranked_at >= to_timestamp(:since) order by s.ranked_at + interval '0' desc, s.article_id desc limit :wanted) h \gset
\if :found < :wanted
\set rest :wanted - :found
with q as materialized (select TSQUERY as query)
select count(*) + :found as found from (select s.article_id from article_search s, q where s.title @@ q.query and s.status = 'published'
    and s.ranked_at + interval '0' < to_timestamp(:since) order by s.ranked_at + interval '0' desc, s.article_id desc limit :rest) h \gset
\endif
\else
with q as materialized (select TSQUERY as query)
select count(*) as found from (select s.article_id from article_search s, q where s.title @@ q.query and s.status = 'published'
    order by s.ranked_at + interval '0' desc, s.article_id desc limit :wanted) h \gset
\endif
\endif

\set wanted 21 - :found
\if :wanted > 0
with q as materialized (select TSQUERY as query),
w as materialized (select s.ranked_at from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit 100)
select count(h.article_id) as hits, max(i.n) as n, coalesce(max(i.span), 0) as span, coalesce(max(i.newest), 0) as newest,
    (select reltuples from pg_class where oid = 'article_search'::regclass) as indexed
from (select count(*) as n, extract(epoch from max(ranked_at) - min(ranked_at)) as span, extract(epoch from max(ranked_at)) as newest from w) i
left join lateral (select c.article_id from (select s.article_id, s.ranked_at, s.title, s.document from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit 100) c
    where c.document @@ (select query from q) and not c.title @@ (select query from q)
    order by c.ranked_at desc, c.article_id desc limit :wanted) h on true \gset
\if :hits < :wanted and :n = 100
\set reach 1.5 * :wanted * :n / greatest(:hits, 1)
\if :hits > 0 and :span > 0 and :reach * 0.2 + 1.5 * :wanted * 2.7 < :hits * 2.7 / :n * :indexed
\set since :newest - :span * :reach / :n
with q as materialized (select TSQUERY as query)
select count(*) as found from (select s.article_id from article_search s, q where s.document @@ q.query and not s.title @@ q.query
    and s.status = 'published' and s.ranked_at >= to_timestamp(:since) order by s.ranked_at + interval '0' desc, s.article_id desc limit :wanted) h \gset
\if :found < :wanted
\set rest :wanted - :found
with q as materialized (select TSQUERY as query)
select count(*) from (select s.article_id from article_search s, q where s.document @@ q.query and not s.title @@ q.query
    and s.status = 'published' and s.ranked_at + interval '0' < to_timestamp(:since) order by s.ranked_at + interval '0' desc, s.article_id desc limit :rest) h;
\endif
\else
with q as materialized (select TSQUERY as query)
select count(*) from (select s.article_id from article_search s, q where s.document @@ q.query and not s.title @@ q.query
    and s.status = 'published' order by s.ranked_at + interval '0' desc, s.article_id desc limit :wanted) h;
\endif
\endif
\endif

-- What the page shows: 21 articles with publisher and translations (the newest 21, standing in for the hits).
select a.id, a.slug, a.title, a.summary, a.body, a.published_at, a.status, p.id, p.slug, p.name, p.name_en,
       array(select concat_ws(' ', t.title, t.summary, t.body) from article_translation t where t.article_id = a.id)
from article a join publisher p on p.id = a.publisher_id
where a.id = any(array(select article_id from article_search where status = 'published' order by ranked_at desc, article_id desc limit 21))
  and a.deleted_at is null;
