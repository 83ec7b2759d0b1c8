-- Reads that the response cache cannot help (issue #17).
set local statement_timeout = 0;

-- An article's representation names its publisher, so its ETag and Last-Modified follow the publisher's version and
-- time too; a deleted publisher's articles are still shown under its name. New columns go last, as a view allows.
create or replace view publisher_ref as
select id, slug, name, name_en, version, updated_at, deleted_at from publisher;

-- The article list filtered by region, newest first, in bounded work. An article carries its regions and their
-- ancestors in region_scope, an array that only a GIN index serves: a page of a province's news either read every
-- article of the province and sorted them, or walked the newest articles of all and threw most away (PostgreSQL
-- 4-5.5 ms of CPU a page of 20 on 100,000 articles). One row per live article and region of its scope, with the
-- list's filter and sort columns, gives a btree that is already in page order: a page reads its 21 rows and stops.
-- Written by the trigger below in the same transaction as the article, so it cannot drift; a plan over it is right
-- without statistics (the order by and limit match the index), so nothing depends on an ANALYZE.
create table article_region (
    region_code   varchar(6)  not null,
    article_id    uuid        not null references article (id) on delete cascade,
    publisher_id  uuid        not null,
    status        text        not null,
    category      text,
    -- The list's sort key, as in article_published_idx: drafts without a publication date sort as the oldest.
    published_key timestamptz not null,
    primary key (region_code, article_id)
);
-- The list always filters on status (published unless asked otherwise), so it follows the region in each index:
-- equality on every column before the sort key is what makes the index the plan without statistics.
create index article_region_published_idx on article_region (region_code, status, published_key, article_id);
-- A region's articles of one category, and a publisher's in a region (without this one, a publisher with none there
-- read every article of the region). Each is keyed on one expression that the list's condition names, so that no
-- other index can serve that condition: keyed on plain columns, the planner without statistics sometimes took
-- (region, status) and filtered the rest, since every estimate rounds to one row. A region code has six characters,
-- so the concatenations are unambiguous.
create index article_region_category_idx
    on article_region ((region_code || category), status, published_key, article_id);
create index article_region_publisher_idx
    on article_region ((region_code || publisher_id::text), status, published_key, article_id);
create index article_region_article_idx on article_region (article_id);

create function cms_refresh_article_region() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        delete from article_region where article_id = old.id;
    end if;
    if new.deleted_at is null then
        insert into article_region (region_code, article_id, publisher_id, status, category, published_key)
        select distinct code, new.id, new.publisher_id, new.status, new.category,
               coalesce(new.published_at, '-infinity'::timestamptz)
        from unnest(new.region_scope) as code;
    end if;
    return null;
end $$;

create trigger article_region_refresh
    after insert or update of region_scope, publisher_id, status, category, published_at, deleted_at on article
    for each row execute function cms_refresh_article_region();

insert into article_region (region_code, article_id, publisher_id, status, category, published_key)
select distinct code, a.id, a.publisher_id, a.status, a.category, coalesce(a.published_at, '-infinity'::timestamptz)
from article a cross join unnest(a.region_scope) as code
where a.deleted_at is null;
analyze article_region;
