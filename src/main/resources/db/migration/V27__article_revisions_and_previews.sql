-- Revisions (issue #21): every save of an article keeps the whole article as it then was, who saved it and which
-- fields changed. History is never rewritten: a restore is a new revision. Articles saved before this migration get,
-- at their next save, a first revision holding what they were (number 1, action 'baseline', no author).
create table article_revision (
    article_id     uuid        not null references article (id),
    number         integer     not null,
    created_at     timestamptz not null,
    action         text        not null,
    token_id       uuid,
    account_id     uuid,
    actor_name     text,
    changed_fields text[]      not null,
    content        jsonb       not null,
    restored_from  integer,
    primary key (article_id, number)
);

-- Preview links: the key that signs them, made by the first instance that needs it and shared by all, so that a link
-- minted on one instance opens on every other. One row.
create table preview_key (
    id         smallint    primary key check (id = 1),
    secret     bytea       not null,
    created_at timestamptz not null
);
