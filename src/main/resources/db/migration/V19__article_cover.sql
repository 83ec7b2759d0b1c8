-- An article's cover image (article.Article#cover): a media item of its publisher's library, kept as it was resolved
-- when the article was written (media.ImageRef: id, content hash, URLs, size, alt text). The facts of a file never
-- change, so no read joins the media tables; the item's use is recorded in media_use like the body's images, which
-- makes it public while the article is published and keeps it from being deleted while the article shows it.
alter table article add column cover jsonb;
