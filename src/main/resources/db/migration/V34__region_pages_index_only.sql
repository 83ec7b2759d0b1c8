-- A region's page of one category, or of one publisher, read from its index alone: the row's region code and category
-- (or publisher) are carried in the index, so the page's condition on their concatenation is checked there, and no
-- article_region row is fetched from the table where the visibility map vouches for its page (with the key columns
-- alone, PostgreSQL could not check the expression without the row: one heap fetch per row of a page, a fifth of the
-- page's buffer reads). Same names, same keys: the plans do not change, only the fetches.
drop index article_region_category_idx;
create index article_region_category_idx
    on article_region ((region_code || category), status, published_key, article_id) include (region_code, category);
drop index article_region_publisher_idx;
create index article_region_publisher_idx
    on article_region ((region_code || publisher_id::text), status, published_key, article_id)
    include (region_code, publisher_id);
