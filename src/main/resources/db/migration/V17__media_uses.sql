-- What uses an item: an article (cover, images and links in its text) or a figure (its source). An item is public
-- while a visible use exists: the using content is published. Kept by the media service in the using write's
-- transaction.
create table media_use (
    media_id     uuid not null references media (id),
    used_by_kind text not null,
    used_by_id   uuid not null,
    visible      boolean not null,
    primary key (media_id, used_by_kind, used_by_id)
);
create index media_use_user on media_use (used_by_kind, used_by_id);

-- per row, so that a write that changes no use announces nothing
create function cms_notify_media_use() returns trigger language plpgsql as $$
begin
    perform pg_notify('cms_changes', 'media');
    return null;
end $$;
create trigger media_use_notify after insert or update or delete on media_use
    for each row execute function cms_notify_media_use();
