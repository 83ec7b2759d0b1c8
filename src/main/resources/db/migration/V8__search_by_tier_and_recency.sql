-- Search ranked by tier, then recency: hits in a title (or tag) come before hits elsewhere, newer before older within
-- a tier. Measured against ts_rank over every match (README, "Search"): scoring every match made a word that most
-- articles contain cost seconds. Now a tier is read from the newest articles down until a page is full, or, for a
-- word too rare for that, from the GIN index. The search row carries the article's filter and sort columns, so that
-- either way is one table.
-- A Chinese word is all of its overlapping bigrams (公益金 → 公益 & 益金), which the GIN index answers exactly, without
-- reading the row to check positions; Chinese bigrams are therefore stored without positions. English words keep
-- theirs, for quoted English phrases.

-- The triggers of V7 stay: they call cms_refresh_article_search, which is replaced below.
drop table article_search;
drop function cms_search_vector(text, "char");

-- Same bigrams as V7 (温州福彩 → 温州 州福 福彩, no bigram across punctuation), in set-based SQL: three times faster
-- than the loop on bodies of 1,300 characters.
create or replace function cms_cjk_bigrams(input text) returns text language sql immutable parallel safe as $$
    select coalesce(string_agg(bigram, ' '), '')
    from regexp_matches(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g') as run(chars)
    cross join lateral (
        select substr(run.chars[1], i, 2) as bigram
        from generate_series(1, greatest(char_length(run.chars[1]) - 1, 1)) as i
    ) as bigrams
$$;

-- The searchable text of some fields: Chinese bigrams without positions, English words with them.
create function cms_search_document(input text) returns tsvector language sql immutable parallel safe as $$
    select strip(to_tsvector('simple', cms_cjk_bigrams(input)))
        || to_tsvector('english', regexp_replace(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g'))
$$;

create table article_search (
    article_id   uuid         primary key references article (id),
    publisher_id uuid         not null,
    status       text         not null,
    -- The list's sort key: drafts without a publication date sort as the oldest.
    ranked_at    timestamptz  not null,
    category     text,
    region_scope varchar(6)[] not null,
    -- The original's locale and every translation's.
    locales      text[]       not null,
    -- Titles and tags of the original and every translation.
    title        tsvector     not null,
    -- Everything: titles, tags, summaries and bodies.
    document     tsvector     not null
);
create index article_search_title_idx on article_search using gin (title);
create index article_search_document_idx on article_search using gin (document);
create index article_search_recent_idx on article_search (status, ranked_at desc, article_id desc);
create index article_search_publisher_recent_idx on article_search (publisher_id, status, ranked_at desc, article_id desc);

-- Deleted articles leave the index; any other article is indexed whatever its status, for editors who search drafts.
create or replace function cms_refresh_article_search(target uuid) returns void language plpgsql as $$
begin
    delete from article_search where article_id = target;
    insert into article_search (article_id, publisher_id, status, ranked_at, category, region_scope, locales, title, document)
    select a.id, a.publisher_id, a.status, coalesce(a.published_at, '-infinity'::timestamptz), a.category, a.region_scope,
           array[a.locale] || coalesce(array_agg(t.locale) filter (where t.locale is not null), '{}'),
           cms_search_document(concat_ws(' ', a.title, string_agg(t.title, ' '), array_to_string(a.tags, ' '))),
           cms_search_document(concat_ws(' ', a.title, string_agg(t.title, ' '), array_to_string(a.tags, ' '), a.summary,
                                         string_agg(t.summary, ' '), cms_plain_text(a.body), cms_plain_text(string_agg(t.body, ' '))))
    from article a left join article_translation t on t.article_id = a.id
    where a.id = target and a.deleted_at is null
    group by a.id;
end $$;

do $$
begin
    perform cms_refresh_article_search(id) from article where deleted_at is null;
end $$;
