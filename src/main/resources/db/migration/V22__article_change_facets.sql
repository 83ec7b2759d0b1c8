-- Finer invalidation of cached article lists (common/cache/ResponseCache): besides 'article:<id>', every article
-- change also announces what lists it can appear in, 'article-facets:' and, separated by chr(31), p:<publisher id>,
-- p:<publisher slug>, c:<category> and r:<code> for each code of its region scope, of the row before and after the
-- change. A list filtered by publisher, category or region then depends on its filter's facet alone, and a write to
-- one publisher's article no longer drops every other publisher's lists.
-- An instance of the previous version does not know the new payload and drops its whole cache on it (safe), so a
-- rolling upgrade costs hit rate, never correctness.

create function cms_article_facets(publisher uuid, category text, scope text[]) returns text[] language sql stable as $$
    select array['p:' || publisher::text, 'p:' || coalesce((select lower(p.slug) from publisher p where p.id = publisher), '')]
        || case when category is null then array[]::text[] else array['c:' || category] end
        || coalesce((select array_agg('r:' || code) from unnest(scope) code), array[]::text[])
$$;

create or replace function cms_notify_article_change() returns trigger language plpgsql as $$
declare
    facets text[] := array[]::text[];
    parent record;
begin
    if tg_table_name = 'article' then
        perform pg_notify('cms_changes', 'article:' || coalesce(new.id, old.id));
        if tg_op <> 'DELETE' then
            facets := facets || cms_article_facets(new.publisher_id, new.category, new.region_scope::text[]);
        end if;
        if tg_op <> 'INSERT' then
            facets := facets || cms_article_facets(old.publisher_id, old.category, old.region_scope::text[]);
        end if;
    else
        perform pg_notify('cms_changes', 'article:' || coalesce(new.article_id, old.article_id));
        select a.publisher_id, a.category, a.region_scope into parent
        from article a where a.id = coalesce(new.article_id, old.article_id);
        if found then
            facets := cms_article_facets(parent.publisher_id, parent.category, parent.region_scope::text[]);
        end if;
    end if;
    perform pg_notify('cms_changes',
                      'article-facets:' || array_to_string(array(select distinct f from unnest(facets) f), chr(31)));
    return null;
end $$;
