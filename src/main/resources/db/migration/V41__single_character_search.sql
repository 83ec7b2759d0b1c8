-- A single Chinese character is found wherever it stands: 年 in 2021年全国, 彩 in 温州福彩. Until now the index held
-- each run's bigrams only (a run of one as itself), so 年 and 2021年 found just the texts where 年 stood alone, and
-- those rarely: a journalist's 2021年 公益金 found nothing. Now each run also gives its last character alone, so every
-- character begins a token (the bigram it starts, or itself at the end of its run), and a search for one character asks
-- for it as a prefix (年:*, common.text.SearchQuery), which the GIN index answers. A word of two or more characters is
-- still all of its bigrams. The runs' last characters add about one token to each clause of Chinese text. And letters
-- and digits typed full width (２０２１) are indexed as their ASCII selves, and a word in a body is no longer split
-- where an editor made part of it bold or a link.

-- Every character of each run of Chinese characters with the one after it: 温州福彩 → 温州 州福 福彩 彩.
create function cms_cjk_tokens(input text) returns text[] language sql immutable parallel safe as $$
    select coalesce(array_agg(substr(run.chars[1], i, 2)), '{}')
    from regexp_matches(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g') as run(chars)
    cross join lateral generate_series(1, char_length(run.chars[1])) as i
$$;

-- Full-width letters, digits and signs (ＡＢＣ, ２０２１: U+FF01–FF5E) and the ideographic space as their ASCII selves,
-- so that 2021 finds ２０２１年 and the other way round (SearchQuery folds a search's words alike: FullWidth). Only a
-- text that has any is translated: the check costs next to nothing, the translation 0.13 ms a body of 1,300 characters.
create function cms_ascii_width(input text) returns text language sql immutable parallel safe as $$
    select case when input ~ '[\uff01-\uff5e\u3000]'
        then translate(input, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ')
        else input end
$$;

-- The same signature as V8's, so that figure_revision's generated column keeps calling it. The Chinese tokens go in
-- as they are, without positions, as V8's strip(to_tsvector('simple', …)) put them, at 0.47 ms instead of 0.81 ms for
-- a body of 1,300 characters: parsing them again was the larger part of indexing a text.
create or replace function cms_search_document(input text) returns tsvector language sql immutable parallel safe as $$
    select array_to_tsvector(cms_cjk_tokens(input))
        || to_tsvector('english', cms_ascii_width(
            regexp_replace(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g')))
$$;

drop function cms_cjk_bigrams(text);

-- A body's text as its readers see it, and as common.text.HtmlText reads it for passages: the inline elements that
-- HtmlSanitizer lets through run on (走访<strong>困难</strong>群众 is 走访困难群众; V7's reading split the text at every
-- tag, so that 困难群众 and its quoted phrase were not found), any other tag sets blocks apart, and the entities the
-- sanitiser writes are decoded (&amp; last, so that &amp;lt; stays the text &lt;).
create or replace function cms_plain_text(html text) returns text language sql immutable parallel safe as $$
    select replace(replace(replace(replace(replace(
        regexp_replace(
            regexp_replace(coalesce(html, ''),
                '</?(a|b|cite|code|em|i|q|small|span|strike|strong|sub|sup|u)(\s[^>]*)?>', '', 'g'),
            '<[^>]*>', ' ', 'g'),
        '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&')
$$;

-- Everything indexed before is indexed again, with the GIN indexes built afterwards rather than kept up row by row
-- (100,000 generated articles, bench/dataset.sql: 111–141 s, then 21–22 s for the indexes, against 217 s row by row with
-- them kept). Searches and article writes wait for it, as upgrades are made with the older release's instances
-- stopped (docs/operations.md).
drop index article_search_title_recent_idx;
drop index article_search_document_recent_idx;
truncate article_search;
do $$
begin
    perform cms_refresh_article_search(id) from article where deleted_at is null;
end $$;
create index article_search_title_recent_idx on article_search using gin (title, ranked_at);
create index article_search_document_recent_idx on article_search using gin (document, ranked_at);

drop index media_page_document;
update media_page set document = cms_search_document(text);
create index media_page_document on media_page using gin (document);

-- A stored generated column is computed when its row is written: the column is added again, which computes it for
-- every revision without an update (whose triggers would tell caches and recount years for nothing).
alter table figure_revision drop column search;
alter table figure_revision add column search tsvector generated always as (
    cms_search_document(period_label || ' ' || coalesce(game_category, '') || ' ' || coalesce(source_quote, '') || ' '
        || coalesce(purpose_label, '') || ' ' || coalesce(metric, '') || ' ' || coalesce(reason, ''))) stored;
create index figure_revision_search_idx on figure_revision using gin (search);
