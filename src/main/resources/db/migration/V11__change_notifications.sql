-- Every change to what public reads show is announced on the channel cms_changes when its transaction commits, so
-- that each service instance's cache of public reads (common/cache) drops exactly the answers it made stale, however
-- the change was written. Payloads: 'article:<id>' per article (a translation counts as its article), 'publisher'
-- and 'figure' per statement. PostgreSQL folds repeated payloads within a transaction into one.

create function cms_notify_article_change() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'article' then
        perform pg_notify('cms_changes', 'article:' || coalesce(new.id, old.id));
    else
        perform pg_notify('cms_changes', 'article:' || coalesce(new.article_id, old.article_id));
    end if;
    return null;
end $$;

create function cms_notify_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('cms_changes', tg_argv[0]);
    return null;
end $$;

create trigger article_notify after insert or update or delete on article
    for each row execute function cms_notify_article_change();
create trigger article_translation_notify after insert or update or delete on article_translation
    for each row execute function cms_notify_article_change();
create trigger publisher_notify after insert or update or delete on publisher
    for each statement execute function cms_notify_change('publisher');
create trigger figure_notify after insert or update or delete on figure
    for each statement execute function cms_notify_change('figure');
create trigger figure_revision_notify after insert or update or delete on figure_revision
    for each statement execute function cms_notify_change('figure');
