-- GET /api/v1/sales-figures?periodFrom=2023-10-01&periodTo=2025-12-31 as CSV: every released current figure of the
-- export, all its columns (FigureStore.exportStatement).
select f.id, f.kind, f.created_at, f.released_at, f.embargoed_until, f.released_with,
       p.id as publisher_id, p.slug as publisher_slug, p.name as publisher_name, p.name_en as publisher_name_en,
       r.revision, r.action, r.reason, r.recorded_at, r.retracted, r.region_code, r.period_start, r.period_end,
       r.granularity, r.period_label, r.lottery_type, r.game_category, r.amount, r.printed_value, r.printed_unit,
       r.qualifier, r.source_article_id, r.source_url, r.source_quote, r.source_document, r.source_page, r.flow,
       r.includes_unclaimed_prizes, r.government_level, r.purpose_code, r.purpose_label, r.project_count,
       r.beneficiary_count, r.amount_per_beneficiary, r.metric, r.value, r.unit
from figure f join figure_revision r on r.figure_id = f.id and r.revision = f.current_revision
join publisher_ref p on p.id = f.publisher_id
where f.kind = 'sales' and f.released_at is not null and not r.retracted
  and r.period_start >= '2023-10-01' and r.period_end <= '2025-12-31'
order by r.period_start, f.id;
