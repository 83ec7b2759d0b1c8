-- Which calendar years of which kind of figure each transaction changed, so that a figure summary can keep the
-- totals of the years nobody changed (figure/SummaryYears). A summary reads in one snapshot; the totals of a year that
-- it kept from an earlier snapshot still hold unless a change of that year has committed since, that is unless a row
-- here is visible now and was not visible then (pg_visible_in_snapshot). Insert-only: writers never wait on each
-- other here, as they would on a version row per year. kind '*' or year null: every kind or every year.
create table figure_year_change (
    kind text not null,
    year int,
    xid xid8 not null default pg_current_xact_id(),
    changed_at timestamptz not null default now()
);
create index figure_year_change_idx on figure_year_change (kind, xid);
create index figure_year_change_at_idx on figure_year_change (changed_at);

-- Rows of transactions below this id were pruned: totals kept from a snapshot whose xmin is lower are computed again.
create table figure_year_change_pruned (
    id int primary key check (id = 1),
    xid xid8 not null
);
insert into figure_year_change_pruned values (1, '0');

-- A revision counts in its period's year, whether added, removed or changed (the old row's year too).
create function cms_note_revision_years() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into figure_year_change (kind, year)
        select distinct f.kind, extract(year from c.period_start)::int from added c join figure f on f.id = c.figure_id;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        insert into figure_year_change (kind, year)
        select distinct f.kind, extract(year from c.period_start)::int from removed c join figure f on f.id = c.figure_id;
    end if;
    return null;
end $$;

-- A figure changed (its current revision, its release): the years of its current revision before and after; a figure
-- removed, every year of its kind, as its revisions are gone by then.
create function cms_note_figure_years() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        insert into figure_year_change (kind, year)
        select distinct c.kind, extract(year from r.period_start)::int
        from (select id, kind, current_revision from added union select id, kind, current_revision from removed) c
        join figure_revision r on r.figure_id = c.id and r.revision = c.current_revision;
    else
        insert into figure_year_change (kind, year) select distinct kind, null::int from removed;
    end if;
    return null;
end $$;

-- A publisher's name labels totals grouped by publisher: every kind and year.
create function cms_note_all_figure_years() returns trigger language plpgsql as $$
begin
    insert into figure_year_change (kind, year) values ('*', null);
    return null;
end $$;

create trigger figure_revision_years_added after insert on figure_revision referencing new table as added
    for each statement execute function cms_note_revision_years();
create trigger figure_revision_years_removed after delete on figure_revision referencing old table as removed
    for each statement execute function cms_note_revision_years();
create trigger figure_revision_years_changed after update on figure_revision
    referencing old table as removed new table as added
    for each statement execute function cms_note_revision_years();
create trigger figure_years_changed after update on figure referencing old table as removed new table as added
    for each statement execute function cms_note_figure_years();
create trigger figure_years_removed after delete on figure referencing old table as removed
    for each statement execute function cms_note_figure_years();
create trigger publisher_figure_years after update or delete on publisher
    for each statement execute function cms_note_all_figure_years();
create trigger figure_years_truncated after truncate on figure_revision
    for each statement execute function cms_note_all_figure_years();
