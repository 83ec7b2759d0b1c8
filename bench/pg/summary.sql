-- GET /api/v1/fund-figures/summary?groupBy=year&flow=raised&region=<province> and the sales one: every current
-- figure of the region and below (FigureStore), which the service then sums by year.
\set r random(1, 31)
\set fund random(0, 1)
\if :fund
select f.id, f.kind, f.created_at, p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name,
       p.name_en as publisher_name_en, r.*
from figure f join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision join publisher p on p.id = f.publisher_id
where f.kind = 'fund' and not r.retracted and r.region_scope @> array[(PROVINCES)[:r]]::varchar[] and r.flow = 'raised'
order by r.period_start, f.id;
\else
select f.id, f.kind, f.created_at, p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name,
       p.name_en as publisher_name_en, r.*
from figure f join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision join publisher p on p.id = f.publisher_id
where f.kind = 'sales' and not r.retracted and r.region_scope @> array[(PROVINCES)[:r]]::varchar[]
order by r.period_start, f.id;
\endif
