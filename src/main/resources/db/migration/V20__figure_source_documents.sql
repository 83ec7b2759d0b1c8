-- A figure's source may cite a PDF of its publisher's media library, and a page of it (figure.FigureValues): kept as
-- it was resolved when the revision was written (media.DocumentRef: id, content hash, URL, file name, pages), like an
-- article's cover, since the facts of a file never change. Every revision keeps its own, so a correction that cites a
-- new report leaves the old citation readable in the history; the figure's uses (media_use) are every document its
-- revisions cite, which keeps them public and undeletable.
alter table figure_revision
    add column source_document jsonb,
    add column source_page     integer check (source_page >= 1);

alter table figure_revision drop constraint figure_revision_check1;
alter table figure_revision add constraint figure_revision_has_source
    check (source_article_id is not null or source_url is not null or source_document is not null);
alter table figure_revision add constraint figure_revision_page_of_a_document
    check (source_page is null or source_document is not null);
