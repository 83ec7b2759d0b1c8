-- GET /api/v1/articles: the first keyset page of 20 (and one to know there is more) with publisher and locales
-- (ArticleListQuery); served in the original locale, so no second statement for translations.
select a.id, a.slug, a.locale, a.title, a.summary, null::text as body, a.category, a.tags, a.region_codes,
       a.published_at, null::text as source_name, null::text as source_url, null::text as author, a.cover,
       null::timestamptz as unpublish_at, a.status, null::jsonb as release,
       a.created_at, a.updated_at, null::timestamptz as deleted_at,
       p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       a.translation_locales
from article a join publisher_ref p on p.id = a.publisher_id
where a.deleted_at is null and a.status = 'published'
order by coalesce(a.published_at, '-infinity'::timestamptz) desc, a.id desc limit 21;
