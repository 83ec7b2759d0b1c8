-- The text of each page of the library's PDFs, so that reports can be searched page by page: a journalist finds the
-- page of a 200-page 公益金 report that says 养老 (GET /api/v1/media/search?q=养老). Read from the PDF at upload
-- (media.PdfText). A scanned page has no text and no row.
create table media_page (
    media_id uuid     not null references media (id),
    page     integer  not null check (page > 0),
    text     text     not null,
    document tsvector not null,
    primary key (media_id, page)
);
create index media_page_document on media_page using gin (document);

-- The PDFs uploaded before their text was read at upload: read in the background (media.MediaPages), a few at a time,
-- each row deleted once its PDF is read. Kept apart from media, whose every update is a change partner mirrors fetch.
create table media_text_unread (
    media_id uuid primary key references media (id)
);
insert into media_text_unread (media_id) select id from media where media_type = 'application/pdf';
