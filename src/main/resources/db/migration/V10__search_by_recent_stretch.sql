-- Search reads the GIN index for a stretch of recent time only (SearchService): a common word's page is found among
-- the newest articles, a rare word's among all of its matches, and a word in between, once scattered over thousands
-- of articles, among the matches of the last days or months that its hit rate predicts. btree_gin puts ranked_at in
-- the same GIN index as the words, so that "these words, since then" is one index read; with the words alone, a
-- word in 4 % of 100,000 articles cost 14 ms of heap reads against 3 ms (README, "Search").
-- btree_gin ships with PostgreSQL and is a trusted extension: the database's owner may create it.
create extension if not exists btree_gin;

create index article_search_title_recent_idx on article_search using gin (title, ranked_at);
create index article_search_document_recent_idx on article_search using gin (document, ranked_at);
drop index article_search_title_idx;
drop index article_search_document_idx;
