-- A publisher's snapshot for partner mirrors (ArticleStates.publishedAfter: its live published articles in id order
-- after a cursor) read in that order from an index of its own: a page reads its 21 rows, where it read every article
-- of the publisher and sorted them; and the one plan a prepared statement keeps is right for any publisher.
create index article_snapshot_idx on article (publisher_id, id) where status = 'published' and deleted_at is null;
