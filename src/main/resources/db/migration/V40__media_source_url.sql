-- Where an item was imported from (POST /api/v1/media/imports): the address of the file on another site, without its
-- query or fragment, kept as provenance (an image of a WeChat article, a report of a province's site); null for an
-- upload.
alter table media add column source_url text check (length(source_url) <= 2000);
