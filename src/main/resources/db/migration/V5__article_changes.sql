-- Partner sync: one row per change of an article, written in the transaction of the change.
-- The feed orders rows by (xid, seq) and hands out only rows of transactions older than the oldest one still running
-- (pg_snapshot_xmin), so a row that commits late can never land behind a reader's cursor.

create table article_change (
    seq          bigint generated always as identity,
    xid          xid8        not null default pg_current_xact_id(),
    article_id   uuid        not null references article (id),
    publisher_id uuid        not null references publisher (id),
    changed_at   timestamptz not null,
    primary key (xid, seq)
);
create index article_change_article_idx on article_change (article_id);
create index article_change_time_idx on article_change (changed_at);

-- Every article there is today is a change a mirror may need.
insert into article_change (article_id, publisher_id, changed_at)
select id, publisher_id, updated_at from article order by updated_at, id;

-- The key that signs sync cursors, so that a forged cursor is recognised; made once, kept across restarts.
create table sync_key (
    id  integer primary key check (id = 1),
    key text    not null
);
insert into sync_key (id, key) values (1, md5(random()::text || clock_timestamp()::text) || md5(random()::text || clock_timestamp()::text));

-- Changes older than the retention window are pruned; the newest pruned position is kept, so that a cursor behind it
-- is known to have missed something and gets 410.
create table article_change_pruned (
    id  integer primary key check (id = 1),
    xid xid8    not null,
    seq bigint  not null
);
insert into article_change_pruned (id, xid, seq) values (1, '0'::xid8, 0);
