-- A single Chinese character is found wherever it stands: 年 in 2021年全国, 彩 in 温州福彩. Until now the index held
-- each run's bigrams only (a run of one as itself), so 年 and 2021年 found just the texts where 年 stood alone, and
-- those rarely: a journalist's 2021年 公益金 found nothing. Now each run also gives its last character alone, so every
-- character begins a token (the bigram it starts, or itself at the end of its run), and a search for one character asks
-- for it as a prefix (年:*, common.text.SearchQuery), which the GIN index answers. A word of two or more characters is
-- still all of its bigrams. The runs' last characters add about one token to each clause of Chinese text.

-- Every character of each run of Chinese characters with the one after it: 温州福彩 → 温州 州福 福彩 彩.
create function cms_cjk_tokens(input text) returns text language sql immutable parallel safe as $$
    select coalesce(string_agg(token, ' '), '')
    from regexp_matches(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g') as run(chars)
    cross join lateral (
        select substr(run.chars[1], i, 2) as token
        from generate_series(1, char_length(run.chars[1])) as i
    ) as tokens
$$;

-- The same signature as V8's, so that figure_revision's generated column keeps calling it.
create or replace function cms_search_document(input text) returns tsvector language sql immutable parallel safe as $$
    select strip(to_tsvector('simple', cms_cjk_tokens(input)))
        || to_tsvector('english', regexp_replace(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g'))
$$;

drop function cms_cjk_bigrams(text);

-- Everything indexed before is indexed again with the runs' last characters.
do $$
begin
    perform cms_refresh_article_search(id) from article where deleted_at is null;
end $$;

update media_page set document = cms_search_document(text);

-- A stored generated column is computed when its row is written: the column is added again, which computes it for
-- every revision without an update (whose triggers would tell caches and recount years for nothing).
alter table figure_revision drop column search;
alter table figure_revision add column search tsvector generated always as (
    cms_search_document(period_label || ' ' || coalesce(game_category, '') || ' ' || coalesce(source_quote, '') || ' '
        || coalesce(purpose_label, '') || ' ' || coalesce(metric, '') || ' ' || coalesce(reason, ''))) stored;
create index figure_revision_search_idx on figure_revision using gin (search);
