-- Rate limits counted across instances (issue #23; cms.limits.shared): one row per caller, kind and minute, counted by
-- an upsert. Unlogged: a budget is worth nothing after a crash, so its counting writes no WAL, and it is neither
-- replicated nor kept across a failover (every caller starts the minute afresh on the new primary).
create unlogged table rate_budget (
    caller text    not null,
    minute bigint  not null,
    used   integer not null,
    primary key (caller, minute)
);
