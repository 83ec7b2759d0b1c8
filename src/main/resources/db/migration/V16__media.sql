-- The media library (media/): images and PDF reports. The bytes live in the media store (a directory, or an S3
-- bucket), addressed by the SHA-256 of what was uploaded; a row is what the API shows of them. A publisher holds one
-- live item per content hash: the same bytes uploaded again answer the existing item.
create table media (
    id            uuid primary key,
    publisher_id  uuid not null references publisher (id),
    sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    media_type    text not null
        check (media_type in ('image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf')),
    bytes         bigint not null check (bytes > 0),
    width         integer check (width > 0),
    height        integer check (height > 0),
    pages         integer check (pages > 0),
    -- widths of the stored renditions, narrowest first; empty for a PDF
    renditions    integer[] not null default '{}',
    original_name text not null,
    locale        text not null,
    title         text,
    alt           text,
    caption       text,
    credit        text,
    uploaded_by   uuid,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    deleted_at    timestamptz,
    version       bigint not null default 0
);

-- the texts in other locales than the original's
create table media_translation (
    media_id uuid not null references media (id) on delete cascade,
    locale   text not null,
    title    text,
    alt      text,
    caption  text,
    primary key (media_id, locale)
);

create unique index media_live_content on media (publisher_id, sha256) where deleted_at is null;
create index media_newest on media (created_at desc, id desc) where deleted_at is null;
create index media_publisher_newest on media (publisher_id, created_at desc, id desc) where deleted_at is null;
create index media_sha256 on media (sha256);

create trigger media_notify after insert or update or delete on media
    for each statement execute function cms_notify_change('media');
