-- The statements GET /api/v1/search runs for a first page of 20 published hits (SearchService), as a pgbench script;
-- bench/search.sh puts the query words in place of the placeholder. Each tier probes the newest articles (200 for
-- titles, 100 for the rest); when the probe does not fill the page, its hit rate decides between a longer walk and
-- the GIN index, by the relative costs SearchService uses. The text tier runs only when titles did not fill the page.
\set pick random(1, 6)
with q as materialized (select TSQUERY as query)
select count(*) as hits, coalesce(max(indexed), 0) as indexed from (select w.article_id,
    (select reltuples from pg_class where oid = 'article_search'::regclass) as indexed
    from (select s.article_id, s.ranked_at, s.title from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit 200) w, q
    where w.title @@ q.query order by w.ranked_at desc, w.article_id desc limit 21) h \gset
\if :hits < 21
\set rows int(case when :hits = 0 then 1000000000 else 1.5 * 21 * 200 / :hits end)
\set walk :rows <= 5000 and :rows * 1.85 < :hits / 200.0 * :indexed
\if :walk
with q as materialized (select TSQUERY as query)
select count(*) as hits from (select w.article_id from (select s.article_id, s.ranked_at, s.title from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit :rows) w, q
    where w.title @@ q.query order by w.ranked_at desc, w.article_id desc limit 21) h \gset
\endif
\if :hits < 21
with q as materialized (select TSQUERY as query)
select count(*) as hits from (select s.article_id from article_search s, q where s.title @@ q.query and s.status = 'published'
    order by s.ranked_at + interval '0' desc, s.article_id desc limit 21) h \gset
\endif
\endif

\set wanted 21 - :hits
\if :wanted > 0
with q as materialized (select TSQUERY as query)
select count(*) as hits, coalesce(max(indexed), 0) as indexed from (select w.article_id,
    (select reltuples from pg_class where oid = 'article_search'::regclass) as indexed
    from (select s.article_id, s.ranked_at, s.title, s.document from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit 100) w, q
    where w.document @@ q.query and not w.title @@ q.query order by w.ranked_at desc, w.article_id desc limit :wanted) h \gset
\if :hits < :wanted
\set rows int(case when :hits = 0 then 1000000000 else 1.5 * :wanted * 100 / :hits end)
\set walk :rows <= 5000 and :rows * 4.5 < :hits / 100.0 * :indexed
\if :walk
with q as materialized (select TSQUERY as query)
select count(*) as hits from (select w.article_id from (select s.article_id, s.ranked_at, s.title, s.document from article_search s
    where true and s.status = 'published' order by s.ranked_at desc, s.article_id desc limit :rows) w, q
    where w.document @@ q.query and not w.title @@ q.query order by w.ranked_at desc, w.article_id desc limit :wanted) h \gset
\endif
\if :hits < :wanted
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
