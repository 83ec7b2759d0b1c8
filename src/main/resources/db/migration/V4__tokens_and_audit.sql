-- Access control: API tokens (stored only as a hash of their secret) and the append-only audit log of writes.

create table api_token (
    id               uuid        primary key,
    name             text        not null,
    role             text        not null check (role in ('admin', 'editor', 'reader', 'sync')),
    -- The publisher an editor or reader acts for; with include_children, its child publishers too.
    publisher_id     uuid        references publisher (id),
    include_children boolean     not null default false,
    secret_hash      char(64)    not null unique,
    created_at       timestamptz not null,
    expires_at       timestamptz,
    last_used_at     timestamptz,
    revoked_at       timestamptz,
    check ((role in ('editor', 'reader')) = (publisher_id is not null))
);

create table audit_event (
    id            uuid        primary key,
    occurred_at   timestamptz not null,
    token_id      uuid,
    token_name    text        not null,
    client_address text,
    action        text        not null,
    resource_type text        not null,
    resource_id   text        not null,
    publisher_id  uuid,
    before_state  jsonb,
    after_state   jsonb
);
create index audit_event_time_idx on audit_event (occurred_at desc, id desc);
create index audit_event_publisher_idx on audit_event (publisher_id, occurred_at desc, id desc);
create index audit_event_resource_idx on audit_event (resource_type, resource_id);

-- Append-only: the database itself refuses to change or remove an audit row.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
