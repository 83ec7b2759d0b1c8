-- GET /api/v1/articles/{id}: the article with publisher and translations in one statement (Article.findWithDetails);
-- the id is one of the 2,000 the HTTP run picks from (bench_article).
\set n random(1, 2000)
select a.*, p.*, t.* from bench_article b join article a on a.id = b.id join publisher p on p.id = a.publisher_id
left join article_translation t on t.article_id = a.id where b.n = :n;
