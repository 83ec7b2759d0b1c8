# The tsquery a search term asks for, as SearchQuery builds it, for pgbench scripts: one of the terms picked per
# transaction (:pick), its Chinese bigrams and English text cut once here, as SearchQuery cuts them in Java and binds
# them (cms_cjk_bigrams in a statement costs 0.08 ms: PostgreSQL cannot inline it and plans it anew each time).
# Usage: pgbench_tsquery "'福彩','助学'" (SQL literals); needs PSQL (psql and its options, as an array).
pgbench_tsquery() {
    local cut
    cut=$("${PSQL[@]}" -Atc "select string_agg(quote_literal(cms_cjk_bigrams(w)), ',' order by n) || '|'
            || string_agg(quote_literal(regexp_replace(w, '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', ' ', 'g')), ',' order by n)
        from unnest(array[$1]) with ordinality as t(w, n)")
    echo "(plainto_tsquery('simple', (array[${cut%%|*}])[:pick]) && phraseto_tsquery('english', (array[${cut#*|}])[:pick]))"
}
