-- Disclosure figures: lottery sales, public-welfare fund (公益金) flows and other indicators.
-- A figure is an identity (figure) plus an append-only history of its values (figure_revision). A correction or a
-- retraction adds a revision; nothing is ever overwritten, so any past state can be read back with asOf.

create table figure (
    id               uuid        primary key,
    kind             text        not null check (kind in ('sales', 'fund', 'indicator')),
    publisher_id     uuid        not null references publisher (id),
    -- The latest revision, kept here so that current values join without a scan of the history.
    current_revision integer     not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index figure_kind_idx on figure (kind, id);
create index figure_publisher_idx on figure (publisher_id);

create table figure_revision (
    figure_id                 uuid          not null references figure (id),
    revision                  integer       not null check (revision >= 1),
    action                    text          not null check (action in ('created', 'corrected', 'retracted')),
    reason                    text,
    recorded_at               timestamptz   not null,
    retracted                 boolean       not null,
    region_code               varchar(6)    not null references region (code),
    -- region_code and its ancestors: a filter on 330000 finds a figure of 330302.
    region_scope              varchar(6)[]  not null,
    period_start              date          not null,
    period_end                date          not null,
    granularity               text          not null check (granularity in ('MONTH', 'QUARTER', 'YEAR', 'YEAR_TO_DATE', 'CUSTOM')),
    period_label              text          not null,
    lottery_type              text          not null check (lottery_type in ('welfare', 'sports', 'all')),
    game_category             text,
    -- Money in yuan, exact to the fen; the figure as printed (value and unit) is kept beside it.
    amount                    numeric(20, 2) check (amount >= 0),
    currency                  char(3)       check (currency = 'CNY'),
    printed_value             numeric(30, 10),
    printed_unit              text,
    qualifier                 text          not null check (qualifier in ('exact', 'over', 'about', 'under')),
    source_article_id         uuid          references article (id),
    source_url                text,
    source_quote              text,
    flow                      text          check (flow in ('raised', 'allocated', 'used', 'remitted_to_central', 'retained_locally')),
    includes_unclaimed_prizes boolean,
    government_level          text          check (government_level in ('central', 'provincial', 'municipal_county')),
    purpose_code              text,
    purpose_label             text,
    project_count             integer       check (project_count >= 0),
    beneficiary_count         integer       check (beneficiary_count >= 0),
    amount_per_beneficiary    numeric(20, 2) check (amount_per_beneficiary >= 0),
    metric                    text,
    value                     numeric(30, 10),
    unit                      text,
    primary key (figure_id, revision),
    check (period_start <= period_end),
    check (source_article_id is not null or source_url is not null)
);
create index figure_revision_period_idx on figure_revision (period_start, figure_id);
create index figure_revision_scope_idx on figure_revision using gin (region_scope);
-- asOf reads: the latest revision of a figure recorded at or before a moment.
create index figure_revision_recorded_idx on figure_revision (figure_id, recorded_at desc);
