-- GET /api/v1/articles?region=<province>&category=<one of four>: the same page with both filters, read in page order
-- from article_region (ArticleListQuery.FROM_REGION).
\set r random(1, 31)
\set c random(1, 4)
select a.id, a.slug, a.locale, a.title, a.summary, null::text as body, a.category, a.tags, a.region_codes,
       a.published_at, null::text as source_name, null::text as source_url, null::text as author, a.cover,
       null::timestamptz as unpublish_at, a.status, null::jsonb as release,
       a.created_at, a.updated_at, null::timestamptz as deleted_at,
       p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       a.translation_locales
from article_region r
cross join lateral (select * from article where article.id = r.article_id offset 0) a
join publisher_ref p on p.id = a.publisher_id
where a.deleted_at is null
  and r.region_code || r.category = (PROVINCES)[:r] || (array['本地新闻', '公益金公告', '销售动态', '通知公告'])[:c]
  and r.status = 'published'
order by r.published_key desc, r.article_id desc limit 21;
