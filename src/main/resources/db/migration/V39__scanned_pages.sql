-- Scanned pages of the library's PDFs: images with no text to read, so OCR (tesseract) reads them in the background
-- (media.ScannedPages) and stores their words in media_page, marked ocr, for search to find. A row waits here until its
-- page is read. An instance claims a few pages of one PDF at a time for a lease (claimed_until), counting the attempt
-- first, so that pages an instance held when it died are read by another once the lease runs out, and a page that
-- fails max attempts times (tesseract crashed or timed out on it) is left here, never claimed again.
create table media_page_awaiting_ocr (
    media_id      uuid        not null references media (id),
    page          integer     not null check (page > 0),
    attempts      integer     not null default 0,
    claimed_until timestamptz,
    primary key (media_id, page)
);

-- Whether a page's text was read by OCR from its image: machine-read words may be misread, and readers are told.
alter table media_page add column ocr boolean not null default false;
