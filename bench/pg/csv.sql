-- GET /api/v1/sales-figures?periodFrom=2023-10-01&periodTo=2025-12-31 as CSV: every row of the export (FigureStore).
select f.id, f.kind, f.created_at, p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name,
       p.name_en as publisher_name_en, r.*
from figure f join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision join publisher p on p.id = f.publisher_id
where f.kind = 'sales' and not r.retracted and r.period_start >= '2023-10-01' and r.period_end <= '2025-12-31'
order by r.period_start, f.id;
