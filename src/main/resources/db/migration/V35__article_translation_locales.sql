-- The locales an article's readers can be served in besides its original, on the article row: the locales of its
-- published translations, sorted. Written with the article by the entity (Article.reviseTranslations, the one writer
-- of translations), as region_scope is. Lists and revalidations read it with the row instead of probing
-- article_translation once a row (a subquery per row: a fifth of a list page's PostgreSQL CPU), and a list in a
-- locale checks it on the row.
alter table article add column translation_locales text[] not null default '{}';

update article a
set translation_locales = t.locales
from (select article_id, array_agg(locale order by locale collate "C") as locales
      from article_translation
      where status = 'published'
      group by article_id) t
where t.article_id = a.id;
