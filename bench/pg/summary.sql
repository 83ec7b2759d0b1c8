-- GET /api/v1/fund-figures/summary?groupBy=year&flow=raised&region=<province> and the sales one, the first time: every
-- current figure of the region and below, the columns a total needs, each revision probing its figure by key
-- (FigureStore.totalledStatement), which the service then sums by year. A summary asked again reads only the years in
-- which a figure has changed since (FigureSummaryYearsTest), so the endpoint can serve more summaries than this SQL.
\set r random(1, 31)
\set fund random(0, 1)
\if :fund
select f.id, p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       r.revision, r.recorded_at, r.retracted, r.region_code, r.period_start, r.period_end, r.granularity, r.lottery_type,
       r.game_category, r.amount, r.qualifier, r.flow, r.government_level, r.purpose_code, r.purpose_label
from figure_revision r
join lateral (select * from figure g where g.id = r.figure_id and g.current_revision = r.revision offset 0) f on true
join publisher_ref p on p.id = f.publisher_id
where f.kind = 'fund' and f.released_at is not null and not r.retracted and r.region_scope @> array[(PROVINCES)[:r]]::varchar[] and r.flow = 'raised'
order by r.period_start, f.id;
\else
select f.id, p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       r.revision, r.recorded_at, r.retracted, r.region_code, r.period_start, r.period_end, r.granularity, r.lottery_type,
       r.game_category, r.amount, r.qualifier, r.flow, r.government_level, r.purpose_code, r.purpose_label
from figure_revision r
join lateral (select * from figure g where g.id = r.figure_id and g.current_revision = r.revision offset 0) f on true
join publisher_ref p on p.id = f.publisher_id
where f.kind = 'sales' and f.released_at is not null and not r.retracted and r.region_scope @> array[(PROVINCES)[:r]]::varchar[]
order by r.period_start, f.id;
\endif
