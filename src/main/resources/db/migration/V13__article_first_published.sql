-- When an article was first published, kept after it is unpublished or deleted: a deleted article that was ever
-- public answers 410 Gone to everyone (mirrors and search engines must drop it), one that never was stays 404.
set local statement_timeout = 0;
alter table article add column first_published_at timestamptz;
-- Before this column the history is not known: what is published or archived now was public once.
update article set first_published_at = coalesce(published_at, updated_at) where status in ('published', 'archived');
