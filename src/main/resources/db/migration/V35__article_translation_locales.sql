-- The locales an article's readers can be served in besides its original, on the article row: the locales of its
-- published translations, sorted. Written with the article by the entity (Article.reviseTranslations, the one writer
-- of translations), as region_scope is. Lists and revalidations read it with the row instead of probing
-- article_translation once a row (a subquery per row: a fifth of a list page's PostgreSQL CPU), and a list in a
-- locale checks it on the row.
set local statement_timeout = 0;
alter table article add column translation_locales text[] not null default '{}';

-- What readers are served does not change, so neither the search index nor the caches are told: without this, every
-- article with a translation would be indexed again and announced, in this one statement.
alter table article disable trigger article_search_refresh;
alter table article disable trigger article_notify;
update article a
set translation_locales = t.locales
from (select article_id, array_agg(locale order by locale collate "C") as locales
      from article_translation
      where status = 'published'
      group by article_id) t
where t.article_id = a.id;
alter table article enable trigger article_search_refresh;
alter table article enable trigger article_notify;
