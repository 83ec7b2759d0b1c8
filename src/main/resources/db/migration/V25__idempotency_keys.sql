-- Idempotent writes (issue #20): the first answer to a POST sent with an Idempotency-Key, kept for the caller (its
-- token) so that a retry with the same key and body gets the same answer and writes nothing. Written in the
-- transaction of the write itself: a write that rolls back keeps no answer, and an answer kept means the write is in.
create table idempotency_key (
    scope       text        not null,
    key         text        not null,
    -- SHA-256 of the method, the request target and the body: the same key with another request is refused (422).
    fingerprint text        not null,
    status      integer     not null,
    headers     jsonb       not null,
    body        bytea,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    primary key (scope, key)
);
create index idempotency_key_expiry_idx on idempotency_key (expires_at);
