-- Webhooks: subscriptions, an outbox of events written in the transaction of the change that caused them, and one
-- delivery per subscription and event, with every attempt kept.

create table webhook (
    id              uuid        primary key,
    url             text        not null,
    events          text[]      not null,
    secret          text        not null,
    -- The publisher whose events it receives; null for every publisher (admins only).
    publisher_id    uuid        references publisher (id),
    created_at      timestamptz not null,
    disabled_at     timestamptz,
    disabled_reason text
);

create table webhook_event (
    id           uuid        primary key,
    event_type   text        not null,
    publisher_id uuid        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null
);

create table webhook_delivery (
    id               uuid        primary key,
    webhook_id       uuid        not null references webhook (id),
    event_id         uuid        not null references webhook_event (id),
    status           text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempts         integer     not null default 0,
    -- When a dispatcher may (re)try it; a claim pushes it forward by the lease, so one instance sends at a time.
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_webhook_idx on webhook_delivery (webhook_id, created_at desc, id desc);

create table webhook_attempt (
    delivery_id  uuid        not null references webhook_delivery (id),
    attempt      integer     not null,
    attempted_at timestamptz not null,
    status_code  integer,
    error        text,
    duration_ms  integer     not null,
    primary key (delivery_id, attempt)
);
