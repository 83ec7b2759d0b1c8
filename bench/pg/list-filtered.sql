-- GET /api/v1/articles?region=<province>&category=<one of four>: the same page with both filters, read in page order
-- from article_region (ArticleListQuery.FROM_REGION).
\set r random(1, 31)
\set c random(1, 4)
select a.id, a.version, a.locale, a.translation_locales, a.published_at, a.updated_at, null::text as title
from article_region r
cross join lateral (select * from article where article.id = r.article_id offset 0) a
where a.deleted_at is null
  and r.region_code || r.category = (PROVINCES)[:r] || (array['本地新闻', '公益金公告', '销售动态', '通知公告'])[:c]
  and r.status = 'published'
order by r.published_key desc, r.article_id desc limit 21;
