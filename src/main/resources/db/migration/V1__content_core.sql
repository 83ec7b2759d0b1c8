-- Content core: regions (GB/T 2260), publishers and articles with their translations.
-- Rows are never hard-deleted by the API: deleted_at marks a tombstone that partner mirrors can follow.

create table region (
    code        varchar(6)  primary key check (code ~ '^[0-9]{6}$'),
    name        text        not null,
    level       text        not null check (level in ('country', 'province', 'prefecture', 'county')),
    parent_code varchar(6)  references region (code),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    check ((level = 'country') = (parent_code is null))
);
create index region_parent_idx on region (parent_code, code);
create index region_level_idx on region (level, code);

create table publisher (
    id          uuid        primary key,
    slug        text        not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        text        not null,
    name_en     text,
    level       text        not null check (level in ('national', 'provincial', 'municipal', 'county')),
    kind        text        not null check (kind in ('lottery_centre', 'civil_affairs')),
    region_code varchar(6)  not null references region (code),
    parent_id   uuid        references publisher (id),
    website     text,
    version     bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    deleted_at  timestamptz
);
-- A slug names one live publisher; a deleted one keeps its slug as a tombstone.
create unique index publisher_live_slug_uq on publisher (slug) where deleted_at is null;
create index publisher_parent_idx on publisher (parent_id);

create table article (
    id           uuid        primary key,
    publisher_id uuid        not null references publisher (id),
    slug         text        not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    locale       text        not null,
    title        text        not null,
    summary      text,
    body         text,
    category     text,
    tags         text[]      not null default '{}',
    region_codes varchar(6)[] not null default '{}',
    -- region_codes plus every ancestor of each, so that a filter on 330000 finds an article tagged 330302.
    region_scope varchar(6)[] not null default '{}',
    published_at timestamptz,
    source_name  text,
    source_url   text,
    author       text,
    status       text        not null check (status in ('draft', 'published', 'archived')),
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    deleted_at   timestamptz
);
create unique index article_live_slug_uq on article (publisher_id, slug) where deleted_at is null;
-- Keyset pagination: one index per sort order, each ending in id as the tie-breaker.
-- Articles without a publication date sort as the oldest ('-infinity').
create index article_published_idx on article ((coalesce(published_at, '-infinity'::timestamptz)), id) where deleted_at is null;
create index article_updated_idx on article (updated_at, id) where deleted_at is null;
create index article_title_idx on article (title, id) where deleted_at is null;
create index article_publisher_published_idx on article (publisher_id, (coalesce(published_at, '-infinity'::timestamptz)), id) where deleted_at is null;
create index article_region_scope_idx on article using gin (region_scope);
create index article_tags_idx on article using gin (tags);

create table article_translation (
    id         uuid        primary key,
    article_id uuid        not null references article (id) on delete cascade,
    locale     text        not null,
    title      text        not null,
    summary    text,
    body       text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (article_id, locale)
);
