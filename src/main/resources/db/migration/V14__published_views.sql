-- Features own their tables (docs/design.md, "Features own their tables"). What one feature shows of another's rows it
-- reads through a view the owner publishes, never through the owner's tables, so that the owner alone writes them and
-- may change them behind the view. Simple views: PostgreSQL plans a query over one as over the table itself.

-- What articles and figures show of their publisher (PublisherRef), deleted publishers included.
create view publisher_ref as
select id, slug, name, name_en from publisher;

-- An article's text as written, for search's check of quoted Chinese phrases: its titles and tags, and all of it.
create view article_text as
select a.id as article_id,
       concat_ws(' ', a.title, array_to_string(a.tags, ' '),
                 (select string_agg(t.title, ' ') from article_translation t where t.article_id = a.id)) as titles,
       concat_ws(' ', a.title, array_to_string(a.tags, ' '), a.summary, cms_plain_text(a.body),
                 (select string_agg(concat_ws(' ', t.title, t.summary, cms_plain_text(t.body)), ' ')
                  from article_translation t where t.article_id = a.id)) as full_text
from article a;
