-- The regions of each note of a changed year (V32): a revision's region_scope, its region and every ancestor, so that
-- a correction of one province's figure makes only the summaries of that province and of the country read its year
-- again, not those of the thirty others. Null: every region (a figure removed, a publisher changed, notes written
-- before this migration).
alter table figure_year_change add column regions varchar(6)[];

create or replace function cms_note_revision_years() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into figure_year_change (kind, year, regions)
        select distinct f.kind, extract(year from c.period_start)::int, c.region_scope
        from added c join figure f on f.id = c.figure_id;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        insert into figure_year_change (kind, year, regions)
        select distinct f.kind, extract(year from c.period_start)::int, c.region_scope
        from removed c join figure f on f.id = c.figure_id;
    end if;
    return null;
end $$;

create or replace function cms_note_figure_years() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        insert into figure_year_change (kind, year, regions)
        select distinct c.kind, extract(year from r.period_start)::int, r.region_scope
        from (select id, kind, current_revision from added union select id, kind, current_revision from removed) c
        join figure_revision r on r.figure_id = c.id and r.revision = c.current_revision;
    else
        insert into figure_year_change (kind, year) select distinct kind, null::int from removed;
    end if;
    return null;
end $$;
