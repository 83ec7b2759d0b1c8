-- Figures are searched with the same words as articles (GET /api/v1/fund-figures?q=助学): the text of a revision,
-- as cms_search_document indexes it, in a column PostgreSQL computes whenever a revision is written.
alter table figure_revision add column search tsvector generated always as (
    -- || rather than concat_ws, which is only stable, and a generated column needs an immutable expression.
    cms_search_document(period_label || ' ' || coalesce(game_category, '') || ' ' || coalesce(source_quote, '') || ' '
        || coalesce(purpose_label, '') || ' ' || coalesce(metric, '') || ' ' || coalesce(reason, ''))) stored;
create index figure_revision_search_idx on figure_revision using gin (search);
