-- A change that may refuse an API token (revoked, expired sooner, its role, publisher or secret changed, deleted) is
-- announced on cms_changes as 'token' when its transaction commits, however it was written: every service instance
-- then stops trusting the tokens it keeps in memory (common/cache/ChangeStamps, security/TokenLookup). last_used_at,
-- written once a minute per token in use, announces nothing. A token created is not kept before its first use.

create trigger api_token_notify after update of name, role, publisher_id, include_children, secret_hash, expires_at,
    revoked_at or delete on api_token
    for each statement execute function cms_notify_change('token');
