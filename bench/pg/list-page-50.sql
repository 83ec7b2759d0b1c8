-- GET /api/v1/articles?cursor=…: page 50 of the default order, after the 980th article (bench_page50).
select a.id, a.version, a.locale, a.translation_locales, a.published_at, a.updated_at, null::text as title
from article a
where a.deleted_at is null and a.status = 'published'
  and (coalesce(a.published_at, '-infinity'::timestamptz), a.id) < (select cast((select key::text from bench_page50) as timestamptz), (select id from bench_page50))
order by coalesce(a.published_at, '-infinity'::timestamptz) desc, a.id desc limit 21;
