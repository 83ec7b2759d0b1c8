-- The text of each page of the library's PDFs, so that reports can be searched page by page: a journalist finds the
-- page of a 200-page 公益金 report that says 养老 (GET /api/v1/media/pages?q=养老). Read from the PDF at upload
-- (media.PdfText); the PDFs uploaded before this migration are read in the background (media.MediaPages), a few at a
-- time, until none is left with text_read false. A scanned page has no text and no row.
alter table media add column text_read boolean not null default true;
update media set text_read = false where media_type = 'application/pdf';
create index media_text_unread on media (created_at) where not text_read;

create table media_page (
    media_id uuid    not null references media (id),
    page     integer not null check (page > 0),
    text     text    not null,
    document tsvector not null,
    primary key (media_id, page)
);
create index media_page_document on media_page using gin (document);
