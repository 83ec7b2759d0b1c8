-- Scheduled publishing (issue #20). An article with a publication time in the future is 'scheduled': invisible to the
-- public like a draft until a scheduler claims it at that instant and publishes it as a manual publish would. An
-- unpublish time archives a published article the same way. Instants are absolute (timestamptz).
alter table article drop constraint article_status_check;
alter table article add constraint article_status_check
    check (status in ('draft', 'scheduled', 'published', 'archived'));
alter table article add column unpublish_at timestamptz;
-- How the scheduler released it (article.ScheduledRelease: the instant it was due, when it went out, whether late);
-- null for an article published by hand.
alter table article add column release jsonb;
alter table article add constraint article_scheduled_has_time check (status <> 'scheduled' or published_at is not null);
alter table article add constraint article_unpublish_after_publish
    check (unpublish_at is null or published_at is null or unpublish_at > published_at);

-- What each scheduler poll asks: the due items, oldest first, claimed with FOR UPDATE SKIP LOCKED. Both indexes are
-- partial, so they hold only what is waiting and a poll reads nothing else.
create index article_release_due_idx on article (published_at, id) where status = 'scheduled' and deleted_at is null;
create index article_unpublish_due_idx on article (unpublish_at, id)
    where status = 'published' and unpublish_at is not null and deleted_at is null;
