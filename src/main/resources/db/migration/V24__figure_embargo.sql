-- Embargoed figures and release bundles (issue #20). A figure is public from released_at on; until then only those
-- who may read its publisher's unpublished content see it. It is held either until a time (embargoed_until, released
-- by the scheduler, claimed with FOR UPDATE SKIP LOCKED as scheduled articles are) or until the article it cites is
-- published (released_with: released in that article's publishing transaction, so that no reader sees the one
-- without the other). Every figure there is today was public from its creation.
alter table figure add column released_at timestamptz;
alter table figure add column embargoed_until timestamptz;
alter table figure add column released_with uuid references article (id);
update figure set released_at = created_at;
alter table figure add constraint figure_release_known
    check (released_at is not null or embargoed_until is not null or released_with is not null);

create index figure_embargo_due_idx on figure (embargoed_until, id) where released_at is null and embargoed_until is not null;
create index figure_released_with_idx on figure (released_with) where released_at is null;
