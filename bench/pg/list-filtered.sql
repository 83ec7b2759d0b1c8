-- GET /api/v1/articles?region=<province>&category=<one of four>: the same page with both filters.
\set r random(1, 31)
\set c random(1, 4)
select a.id, a.slug, a.locale, a.title, a.summary, null::text as body, a.category, a.tags, a.region_codes,
       a.published_at, null::text as source_name, null::text as source_url, null::text as author, a.status,
       a.created_at, a.updated_at, null::timestamptz as deleted_at,
       p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       array(select t.locale from article_translation t where t.article_id = a.id order by t.locale)
           as translation_locales
from article a join publisher p on p.id = a.publisher_id
where a.deleted_at is null and a.region_scope @> array[(PROVINCES)[:r]]::varchar[]
  and a.category = (array['本地新闻', '公益金公告', '销售动态', '通知公告'])[:c] and a.status = 'published'
order by coalesce(a.published_at, '-infinity'::timestamptz) desc, a.id desc limit 21;
