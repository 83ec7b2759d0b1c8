# Sourced by the benchmarks: load_articles N generates N articles (bench/dataset.sql) into the database that the
# array PSQL points at, then builds the search index the way a bulk load should: search rows refreshed from both
# cores with the indexes dropped, then each index built once (row-by-row GIN upkeep took over 12 minutes for 100,000).
load_articles() {
    "${PSQL[@]}" -o /dev/null -f bench/dataset.sql -v articles="$1"
    local indexes parts=() part
    indexes=$("${PSQL[@]}" -Atc "select indexdef || ';' from pg_indexes where tablename = 'article_search' and indexname <> 'article_search_pkey'")
    "${PSQL[@]}" -c "$(sed -E 's/CREATE INDEX ([a-z_]+) .*/drop index \1;/' <<<"$indexes")"
    for part in 0 1; do "${PSQL[@]}" -v part=$part -o /dev/null -f bench/index-part.sql & parts+=($!); done
    wait "${parts[@]}"
    "${PSQL[@]}" -c "set maintenance_work_mem = '512MB'" -c "$indexes"
    "${PSQL[@]}" -c "set client_min_messages = error" -c "vacuum analyze"
}
