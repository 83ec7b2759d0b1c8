-- Each translation has its own status (issue #21): a translation can stay a draft while its original is published, and
-- readers are served only published translations (the original otherwise). A translation also remembers which text of
-- the original it was made from, as a digest, so that editors see it is stale when the original changes after it.

alter table article_translation
    add column status text not null default 'published' check (status in ('draft', 'published')),
    -- SHA-256 (hex) of the original's title, summary and body, each followed by U+001F, as UTF-8: see
    -- ArticleContent.digest, which computes the same.
    add column original_digest text;

update article_translation t
set original_digest = encode(sha256(convert_to(
        a.title || chr(31) || coalesce(a.summary, '') || chr(31) || coalesce(a.body, '') || chr(31), 'UTF8')), 'hex')
from article a
where a.id = t.article_id;

alter table article_translation alter column original_digest set not null;
alter table article_translation alter column status drop default;

-- Search finds an article by the text readers can be served: its original and its published translations.
create or replace function cms_refresh_article_search(target uuid) returns void language plpgsql as $$
begin
    delete from article_search where article_id = target;
    insert into article_search (article_id, publisher_id, status, ranked_at, category, region_scope, locales, title, document)
    select a.id, a.publisher_id, a.status, coalesce(a.published_at, '-infinity'::timestamptz), a.category, a.region_scope,
           array[a.locale] || coalesce(array_agg(t.locale) filter (where t.locale is not null), '{}'),
           cms_search_document(concat_ws(' ', a.title, string_agg(t.title, ' '), array_to_string(a.tags, ' '))),
           cms_search_document(concat_ws(' ', a.title, string_agg(t.title, ' '), array_to_string(a.tags, ' '), a.summary,
                                         string_agg(t.summary, ' '), cms_plain_text(a.body), cms_plain_text(string_agg(t.body, ' '))))
    from article a left join article_translation t on t.article_id = a.id and t.status = 'published'
    where a.id = target and a.deleted_at is null
    group by a.id;
end $$;

create or replace view article_text as
select a.id as article_id,
       concat_ws(' ', a.title, array_to_string(a.tags, ' '),
                 (select string_agg(t.title, ' ') from article_translation t
                  where t.article_id = a.id and t.status = 'published')) as titles,
       concat_ws(' ', a.title, array_to_string(a.tags, ' '), a.summary, cms_plain_text(a.body),
                 (select string_agg(concat_ws(' ', t.title, t.summary, cms_plain_text(t.body)), ' ')
                  from article_translation t where t.article_id = a.id and t.status = 'published')) as full_text
from article a;
