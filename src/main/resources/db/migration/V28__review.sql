-- Review before publication (issue #21): a publisher can require that what its editors publish is approved by a
-- reviewer other than its author first. An article waiting for that is 'in_review'; every step is logged.
alter table publisher add column requires_review boolean not null default false;

alter table article drop constraint article_status_check;
alter table article add constraint article_status_check
    check (status in ('draft', 'in_review', 'scheduled', 'published', 'archived'));

create table article_review (
    article_id   uuid        not null references article (id),
    number       integer     not null,
    -- submitted: sent for review; approved: published (or scheduled) by a reviewer; returned: sent back as a draft.
    step         text        not null check (step in ('submitted', 'approved', 'returned')),
    -- The revision the step made (article_revision.number).
    revision     integer     not null,
    token_id     uuid,
    account_id   uuid,
    actor_name   text,
    note         text,
    created_at   timestamptz not null,
    primary key (article_id, number)
);
