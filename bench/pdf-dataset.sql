-- The PDF reports of the page-search benchmark (bench/pdf-search.sh): :pdfs PDFs of the library, spread over the
-- benchmark's publishers and 2,000 days, of 2 to 80 pages (most of them short, as notices are; a few long, as annual
-- reports are), each page about 1,200 characters of the articles' sentences, as media.PdfText stores a page; 2 % of
-- the PDFs deleted (their text forgotten, as MediaService.delete does), and 85 % of the others cited by published
-- content, which is what anonymous readers search. Run after bench/dataset.sql in the same psql session (its publishers and sentences are temporary):
-- psql -v articles=0 -v pdfs=10000 -f bench/dataset.sql -f bench/pdf-dataset.sql
select setseed(0.24);

create temporary table bench_pdf as
select g, gen_random_uuid() as id, (1 + floor(random() * (select count(*) from bench_publisher)))::int as publisher_n,
       timestamptz '2026-11-01 08:00+08' - random() * interval '2000 days' as created_at,
       (2 + floor(78 * power(random(), 3)))::int as pages, random() < 0.02 as deleted
from generate_series(1, :pdfs) g;

insert into media (id, publisher_id, sha256, media_type, bytes, pages, original_name, locale, title, created_at,
                   updated_at, deleted_at)
select f.id, p.id, encode(sha256(convert_to(f.id::text, 'UTF8')), 'hex'), 'application/pdf', 40000 * f.pages, f.pages,
       p.short_name || extract(year from f.created_at) || '年公益金报告-' || f.g || '.pdf', 'zh-CN',
       p.short_name || extract(year from f.created_at) || '年度' || pg_temp.word() || '情况公告', f.created_at,
       f.created_at, case when f.deleted then f.created_at + interval '1 day' end
from bench_pdf f join bench_publisher p on p.n = f.publisher_n;

-- The text only: its tsvector is computed afterwards from both cores (bench/pdf-document-part.sql).
insert into media_page (media_id, page, text, document)
select f.id, page.n, string_agg(pg_temp.sentence(p.short_name, extract(year from f.created_at)::int), '' order by s), ''
from bench_pdf f join bench_publisher p on p.n = f.publisher_n
     cross join lateral generate_series(1, f.pages) page(n)
     cross join lateral generate_series(1, 26 + (f.g + page.n) % 10) s
where not f.deleted
group by f.id, page.n;

insert into media_use (media_id, used_by_kind, used_by_id, visible)
select id, 'article', gen_random_uuid(), true from bench_pdf where not deleted and random() < 0.85;
