-- One of two halves of the generated articles' search index, so that both cores build it:
-- psql -v part=0 (or 1) -o /dev/null -f bench/index-part.sql
select cms_refresh_article_search(id) from article where slug like 'bench-%' and abs(hashtext(id::text)) % 2 = :part;
