-- Chinese and English full-text search inside PostgreSQL, with nothing beyond what the Debian server ships.
-- Chinese has no spaces: every run of CJK ideographs is indexed as its overlapping bigrams (温州福彩 → 温州 州福 福彩),
-- so a word of two or more characters is a phrase of bigrams, and no bigram spans punctuation or a sentence end: a
-- query word split by 。 in the text finds nothing, since the bigram across the 。 was never indexed.
-- Latin words go through the english configuration, so conference and conferences meet.

create function cms_cjk_bigrams(input text) returns text language plpgsql immutable parallel safe as $$
declare
    result text := '';
    run    text;
begin
    for run in select (regexp_matches(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g'))[1] loop
        if char_length(run) = 1 then
            result := result || ' ' || run;
        else
            for i in 1 .. char_length(run) - 1 loop
                result := result || ' ' || substr(run, i, 2);
            end loop;
        end if;
    end loop;
    return result;
end $$;

-- The searchable text of one field: CJK bigrams plus English words, at one weight.
create function cms_search_vector(input text, weight "char") returns tsvector language sql immutable parallel safe as $$
    select setweight(to_tsvector('simple', cms_cjk_bigrams(input)), weight)
        || setweight(to_tsvector('english', regexp_replace(coalesce(input, ''), '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g')), weight)
$$;

create function cms_plain_text(html text) returns text language sql immutable parallel safe as $$
    select regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g')
$$;

create table article_search (
    article_id uuid     primary key references article (id),
    document   tsvector not null
);
create index article_search_document_idx on article_search using gin (document);

-- Title and tags weigh most (A), then summaries (B), then bodies (C), in the original and every translation.
create function cms_refresh_article_search(target uuid) returns void language sql as $$
    insert into article_search (article_id, document)
    select a.id,
           cms_search_vector(a.title || ' ' || coalesce(string_agg(t.title, ' '), '') || ' ' || array_to_string(a.tags, ' '), 'A')
        || cms_search_vector(coalesce(a.summary, '') || ' ' || coalesce(string_agg(t.summary, ' '), ''), 'B')
        || cms_search_vector(cms_plain_text(a.body) || ' ' || cms_plain_text(string_agg(t.body, ' ')), 'C')
    from article a left join article_translation t on t.article_id = a.id
    where a.id = target
    group by a.id
    on conflict (article_id) do update set document = excluded.document
$$;

create function cms_article_search_trigger() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'article' then
        perform cms_refresh_article_search(new.id);
    elsif tg_op = 'DELETE' then
        perform cms_refresh_article_search(old.article_id);
    else
        perform cms_refresh_article_search(new.article_id);
    end if;
    return null;
end $$;

create trigger article_search_refresh after insert or update on article
    for each row execute function cms_article_search_trigger();
create trigger article_translation_search_refresh after insert or update or delete on article_translation
    for each row execute function cms_article_search_trigger();

do $$
begin
    perform cms_refresh_article_search(id) from article;
end $$;
