-- People (issue #21): editor accounts that sign in with a password and hold a browser session. An account has one
-- role and a publisher scope, as a token has; reviewers approve and publish what editors write.
alter table api_token drop constraint api_token_role_check;
alter table api_token drop constraint api_token_check;
alter table api_token add constraint api_token_role_check
    check (role in ('admin', 'editor', 'reviewer', 'reader', 'sync'));
alter table api_token add constraint api_token_check
    check ((role in ('editor', 'reviewer', 'reader')) = (publisher_id is not null));

create table account (
    id                  uuid        primary key,
    -- As typed at creation; unique whatever its case.
    login               text        not null,
    display_name        text        not null,
    email               text,
    role                text        not null check (role in ('admin', 'editor', 'reviewer', 'reader')),
    publisher_id        uuid        references publisher (id),
    include_children    boolean     not null default false,
    status              text        not null default 'active' check (status in ('active', 'disabled')),
    -- PHC string of argon2id ($argon2id$v=19$m=…,t=…,p=…$salt$hash); never the password.
    password_hash       text        not null,
    password_changed_at timestamptz not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0,
    check ((role = 'admin') = (publisher_id is null))
);
create unique index account_login_key on account (lower(login));
create index account_created_idx on account (created_at desc, id desc);

-- A signed-in browser. The cookie holds a random secret; only its SHA-256 is kept. Idle expiry counts from
-- last_seen_at (written at most once a minute), absolute expiry is expires_at; ended_at when signed out or ended by
-- an admin, a password change or the account being disabled.
create table account_session (
    id             uuid        primary key,
    account_id     uuid        not null references account (id),
    secret_hash    char(64)    not null unique,
    created_at     timestamptz not null,
    last_seen_at   timestamptz not null,
    expires_at     timestamptz not null,
    ended_at       timestamptz,
    ended_reason   text,
    client_address text,
    user_agent     text
);
create index account_session_live_idx on account_session (account_id) where ended_at is null;
create index account_session_expiry_idx on account_session (expires_at);

-- Every sign-in attempt, for slowing down guessing per account and per address. Kept 90 days.
create table sign_in_attempt (
    id             bigint      generated always as identity primary key,
    -- The login as typed, lower-cased: also for logins no account has.
    login_key      text        not null,
    account_id     uuid        references account (id),
    client_address text,
    attempted_at   timestamptz not null,
    succeeded      boolean     not null
);
create index sign_in_attempt_login_idx on sign_in_attempt (login_key, attempted_at desc);
create index sign_in_attempt_address_idx on sign_in_attempt (client_address, attempted_at desc) where not succeeded;

-- Who acted, when it was a person: the audit names the account as it names a token.
alter table audit_event add column account_id uuid;
create index audit_event_account_idx on audit_event (account_id, occurred_at desc, id desc) where account_id is not null;
