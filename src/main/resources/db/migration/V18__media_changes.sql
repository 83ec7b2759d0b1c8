-- Partner sync of the media library (sync.SyncService): one row per change of an item, in the transaction of the
-- change, read in (xid, seq) order under the same rule as article_change (only rows of transactions older than the
-- oldest one still running are handed out).
--
-- What a mirror shows of an item changes when the item is written (uploaded, described, deleted) and when published
-- content starts or stops using it (media_use): that second kind of change is made by other features' writes (an
-- article published), so triggers note both here, where no writer can forget them. A publisher renamed notes its
-- live items from sync.ChangeFeed, as it does for articles.

create table media_change (
    seq          bigint generated always as identity,
    xid          xid8        not null default pg_current_xact_id(),
    media_id     uuid        not null references media (id),
    publisher_id uuid        not null references publisher (id),
    changed_at   timestamptz not null default now(),
    primary key (xid, seq)
);
create index media_change_time_idx on media_change (changed_at);

create table media_change_pruned (
    id  integer primary key check (id = 1),
    xid xid8    not null,
    seq bigint  not null
);
insert into media_change_pruned (id, xid, seq) values (1, '0'::xid8, 0);

-- Every item there is today is a change a mirror may need.
insert into media_change (media_id, publisher_id, changed_at)
select id, publisher_id, updated_at from media order by updated_at, id;

create function cms_note_media_change() returns trigger language plpgsql as $$
begin
    insert into media_change (media_id, publisher_id) values (new.id, new.publisher_id);
    return null;
end $$;
create trigger media_change_note after insert or update on media
    for each row execute function cms_note_media_change();

create function cms_note_media_use_change() returns trigger language plpgsql as $$
begin
    insert into media_change (media_id, publisher_id)
    select m.id, m.publisher_id from media m where m.id = coalesce(new.media_id, old.media_id);
    return null;
end $$;
create trigger media_use_change_note after insert or update or delete on media_use
    for each row execute function cms_note_media_use_change();
