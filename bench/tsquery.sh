# The tsquery a search term asks for, as SearchQuery builds it, for pgbench scripts: one of the terms picked per
# transaction (:pick), its Chinese bigrams and English text cut once here, as SearchQuery cuts them in Java and binds
# them (a SQL function in a statement costs 0.08 ms: PostgreSQL cannot inline it and plans it anew each time). Terms of
# two or more Chinese characters: a lone character is asked as a prefix (年:*), which these scripts do not measure.
# Usage: pgbench_tsquery "'福彩','助学'" (SQL literals); needs PSQL (psql and its options, as an array).
pgbench_tsquery() {
    local cut
    cut=$("${PSQL[@]}" -Atc "select string_agg(quote_literal($(sql_bigrams w)), ',' order by n) || '|'
            || string_agg(quote_literal(regexp_replace(w, '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g')), ',' order by n)
        from unnest(array[$1]) with ordinality as t(w, n)")
    echo "(plainto_tsquery('simple', (array[${cut%%|*}])[:pick]) && phraseto_tsquery('english', (array[${cut#*|}])[:pick]))"
}

# The SQL of a text's Chinese bigrams, as SearchQuery.bigrams cuts a term: the index's tokens (cms_cjk_tokens) but
# the last character of each run alone. Usage: "$(sql_bigrams "'福彩'")" or "$(sql_bigrams column)".
sql_bigrams() {
    echo "array_to_string(array(select b from unnest(cms_cjk_tokens($1)) as b where char_length(b) = 2), ' ')"
}
