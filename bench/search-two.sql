\set pick random(1, 6)
select a.id, ts_rank(s.document, q.query) as rank from (select phraseto_tsquery('simple', cms_cjk_bigrams((array['福彩','助学','扶老','助残','民政','彩民'])[:pick])) as query) q
join article_search s on s.document @@ q.query join article a on a.id = s.article_id
where a.deleted_at is null and a.status = 'published' order by rank desc, a.published_at desc, a.id desc limit 21;
