-- Benchmark figures, seeded and repeatable, for the publishers of bench/dataset.sql (run it first): monthly welfare
-- lottery sales of every publisher from 2016 to 2025 (43,680), and yearly public-welfare fund figures (raised, and
-- used by purpose: 7,280), each sourced by a sentence of one of the publisher's articles. Amounts are as printed
-- (万元, two decimals) and exact in yuan. Usage: psql -f bench/figures.sql
select setseed(0.7);

create temporary table bench_source as
select distinct on (a.publisher_id) a.publisher_id, a.id as article_id
from article a where a.slug like 'bench-%' order by a.publisher_id, a.published_at desc;

create temporary table bench_figure as
select gen_random_uuid() as id, 'sales' as kind, p.id as publisher_id, p.region_code,
       make_date(y, m, 1) as period_start, (make_date(y, m, 1) + interval '1 month - 1 day')::date as period_end,
       'MONTH' as granularity, y || '年' || m || '月' as period_label,
       round((200 + random() * 20000)::numeric, 2) as printed_wan, null::text as flow, null::text as purpose_code, null::text as purpose_label
from publisher p cross join generate_series(2016, 2025) y cross join generate_series(1, 12) m
where p.slug like 'bench-%';

insert into bench_figure
select gen_random_uuid(), 'fund', p.id, p.region_code, make_date(y, 1, 1), make_date(y, 12, 31), 'YEAR', y || '年',
       round((50 + random() * 5000)::numeric, 2), f.flow, f.code, f.label
from publisher p cross join generate_series(2016, 2025) y
cross join (values ('raised', null, null), ('used', 'student-aid', '助学类')) as f(flow, code, label)
where p.slug like 'bench-%';

insert into figure (id, kind, publisher_id, current_revision, created_at, updated_at, released_at)
select id, kind, publisher_id, 1, now(), now(), now() from bench_figure;

insert into figure_revision (figure_id, revision, action, recorded_at, retracted, region_code, region_scope, period_start,
                             period_end, granularity, period_label, lottery_type, amount, currency, printed_value, printed_unit,
                             qualifier, source_article_id, source_quote, flow, purpose_code, purpose_label)
select f.id, 1, 'created', now(), false, f.region_code,
       array_remove(array[f.region_code, r.parent_code, case when r.parent_code <> '000000' then '000000' end], null)::varchar(6)[],
       f.period_start, f.period_end, f.granularity, f.period_label, 'welfare', f.printed_wan * 10000, 'CNY', f.printed_wan, '万元',
       'exact', s.article_id,
       f.period_label || case when f.kind = 'sales' then '销售福利彩票' when f.flow = 'raised' then '筹集公益金' else '使用公益金助学' end
           || f.printed_wan || '万元',
       f.flow, f.purpose_code, f.purpose_label
from bench_figure f join region r on r.code = f.region_code join bench_source s on s.publisher_id = f.publisher_id;

analyze figure, figure_revision;
