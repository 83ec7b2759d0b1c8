-- A corpus built from the sample articles' vocabulary and the region names: seeded, repeatable.
select setseed(0.42);
insert into publisher (id, slug, name, level, kind, region_code, version, created_at, updated_at)
select gen_random_uuid(), 'bench-' || code, name || '福利彩票发行中心', 'provincial', 'lottery_centre', code, 0, now(), now()
from region where level = 'province';

create temporary table vocabulary (word text);
insert into vocabulary values ('公益金'), ('福彩'), ('双色球'), ('助学'), ('扶老'), ('助残'), ('救孤'), ('济困'), ('投注站'),
    ('销量'), ('高质量发展'), ('党建引领'), ('公益活动'), ('困难群众'), ('志愿服务'), ('综合服务站'), ('星级站点'),
    ('发行中心'), ('民政'), ('彩民'), ('开奖'), ('即开型'), ('刮刮乐'), ('快乐8'), ('七乐彩'), ('责任彩票'), ('资助'),
    ('大学新生'), ('敬老院'), ('慈善'), ('温暖'), ('使命'), ('初心'), ('基层'), ('培训'), ('宣传'), ('监督'), ('阳光福彩');
create temporary table words as select row_number() over () as n, word from vocabulary;
create temporary table places as select row_number() over () as n, name from region where level in ('prefecture', 'county');
create temporary table english (n int, word text);
insert into english values (1, 'conference'), (2, 'lottery'), (3, 'welfare'), (4, 'sales'), (5, 'charity'), (6, 'students'),
    (7, 'elderly'), (8, 'volunteers'), (9, 'report'), (10, 'annual');

create function pg_temp.sentence() returns text language sql volatile as $f$
    select (select name from places order by n offset floor(random() * (select count(*) from places))::int limit 1)
        || (select word from words order by n offset floor(random() * 38)::int limit 1)
        || (select word from words order by n offset floor(random() * 38)::int limit 1) || '工作取得'
        || (select word from words order by n offset floor(random() * 38)::int limit 1) || '成效。'
$f$;

insert into article (id, publisher_id, slug, locale, title, summary, body, category, tags, region_codes, region_scope,
                     published_at, status, version, created_at, updated_at)
select gen_random_uuid(), p.id, 'bench-' || g, 'zh-CN', pg_temp.sentence(), pg_temp.sentence() || pg_temp.sentence(),
       '<p>' || pg_temp.sentence() || pg_temp.sentence() || pg_temp.sentence() || '</p><p>' || pg_temp.sentence() || pg_temp.sentence() || pg_temp.sentence() || '</p>',
       '本地新闻', array[]::text[], array[p.region_code], array[p.region_code, '000000'],
       now() - (random() * interval '2000 days'), 'published', 0, now(), now()
from generate_series(1, :articles) g
join lateral (select id, region_code from publisher where slug like 'bench-%' order by md5(g::text || slug) limit 1) p on true;

insert into article_translation (id, article_id, locale, title, summary, body, created_at, updated_at)
select gen_random_uuid(), a.id, 'en',
       -- a.id in the subqueries makes them run once per row, not once for the whole insert
       (select word from english where a.id is not null order by n offset floor(random() * 10)::int limit 1) || ' of the welfare lottery',
       null, '<p>The ' || (select word from english where a.id is not null order by n offset floor(random() * 10)::int limit 1) || ' report.</p>', now(), now()
from article a where a.slug like 'bench-%' and random() < 0.2;
analyze article, article_translation, article_search, publisher;
