-- Images get each rendition as WebP too (media.MediaInspector); items uploaded before have JPEG or PNG renditions only.
alter table media add column webp_renditions boolean not null default false;
