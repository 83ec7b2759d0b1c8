#!/usr/bin/env bash
# Measures search inside PostgreSQL on the generated dataset (bench/dataset.sql: 100,000 articles by default): the
# statements the search endpoint runs (bench/search-query.sql), through pgbench at 1 and 16 clients, for 2-character,
# 4-character, place-and-word, middling, English, rare or absent words and single characters; then the same words through a pg_trgm index, the alternative
# that was measured and not chosen. Prints median and 95th-percentile latency, match counts and index sizes, and
# writes them to target/bench/search-results.txt. Usage: bash bench/search.sh [articles] [seconds per run];
# BENCH_REUSE=1 measures again on the dataset of the previous run instead of generating it anew.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source bench/load-articles.sh
source bench/tsquery.sh # pgbench_tsquery
ARTICLES=${1:-100000}
SECONDS_PER_RUN=${2:-15}
REUSE=${BENCH_REUSE:-0}
URL=$(ensure_local_database cms_bench "$([ "$REUSE" = 1 ] || echo fresh)")
PORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$URL")
export PGPASSWORD=$cms_password
PSQL=(psql -q -X -h 127.0.0.1 -p "$PORT" -U "$cms_role" -d cms_bench -v ON_ERROR_STOP=1)
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)
PGBENCH=${PGBENCH:-pgbench}
out=target/bench
mkdir -p "$out"
results=$out/search-results.txt

start=$(date +%s)
if [ "$REUSE" != 1 ]; then
    for migration in $(ls src/main/resources/db/migration/V*.sql | sort -V); do
        "${PSQL[@]}" -f "$migration" >/dev/null
    done
fi
loaded=$(date +%s)
if [ "$REUSE" != 1 ]; then
    load_articles "$ARTICLES"
fi
indexed=$(date +%s)

declare -A WORDS=(
    [two]="'福彩','助学','扶老','助残','民政','彩民'"
    [four]="'党建引领','公益活动','困难群众','志愿服务','星级站点','阳光福彩'"
    [english]="'conferences','charity','students','volunteer','reports','awards'"
    [rare]="'英语','足球','儿童节','体育彩票','故宫','摄影'"
    # single characters, asked as the prefix of the tokens they begin (年:*)
    [one]="'年','会','彩','嘉','院','鹿'"
)
# Terms holding one of the field's abbreviations, each with the forms SearchQuery.forms gives it: asked as written only
# ("abbreviated", as before terms had forms) and in every form ("forms", each a branch of the term's tsquery).
FORMS=(
    "'福彩','福利彩票'"
    "'体彩','体育彩票'"
    "'福彩中心','福彩发行中心','福利彩票发行中心'"
    "'中福彩','中福彩中心','中国福利彩票发行管理中心'"
    "'残联','残疾人联合会'"
    "'福彩公益金','福利彩票公益金'"
)
# Two-word queries: a place and a word (rare together), or two words of the samples' sentences (each in about a
# fifth of the articles, together in a few per cent: the hardest case for either way of reading).
declare -A FIRST=([mixed]="'温州','杭州','鹿城区','嘉兴','南京','拉萨'" [middling]="'智慧党建','作风效能','追梦','满意度','庆祝','墨香单位'")
declare -A SECOND=([mixed]="'公益金','福彩','双色球','投注站','助学','开奖'" [middling]="'作风效能','追梦','满意度','庆祝','周年','智慧党建'")
tsquery() {
    if [ "$1" = forms ] || [ "$1" = abbreviated ]; then
        local each=() forms first
        first=$([ "$1" = abbreviated ] && echo "where n = 1" || true)
        for forms in "${FORMS[@]}"; do
            each+=("(select string_agg(format('plainto_tsquery(''simple'', %L)', $(sql_bigrams f)), ' || ' order by n)
                from unnest(array[$forms]) with ordinality as t(f, n) $first)")
        done
        # the tsquery of each term written out once, as SearchQuery binds it, then picked per transaction
        echo "(array[$("${PSQL[@]}" -Atc "select concat_ws(',', $(IFS=,; echo "${each[*]}"))")])[:pick]"
    elif [ "$1" = one ]; then
        echo "to_tsquery('simple', (array[${WORDS[one]}])[:pick] || ':*')"
    elif [ -n "${FIRST[$1]:-}" ]; then
        echo "($(pgbench_tsquery "${FIRST[$1]}") && $(pgbench_tsquery "${SECOND[$1]}"))"
    else
        pgbench_tsquery "${WORDS[$1]}"
    fi
}
percentiles() { # pgbench transaction log → median and p95 in milliseconds
    cat "$out"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk -v label="$1" '
        { v[NR] = $1 } END { printf "%-34s queries=%-7d median=%8.2f ms  p95=%8.2f ms\n", label, NR, v[int(NR*0.5)], v[int(NR*0.95)] }'
}
run() { # label, clients, script
    rm -f "$out"/pgbench_log.*
    (cd "$out" && "$PGBENCH" -n -h 127.0.0.1 -p "$PORT" -U "$cms_role" -M prepared -c "$2" -j 2 -T "$SECONDS_PER_RUN" -f "$3" -l cms_bench >/dev/null 2>&1)
    percentiles "$1"
}

{
    echo "search benchmark, $(date -u +%F), $(nproc) cores, PostgreSQL $("${PSQL[@]}" -Atc 'show server_version'), $ARTICLES articles"
    [ "$REUSE" = 1 ] || echo "schema migrated in $((loaded - start)) s, dataset generated and indexed in $((indexed - loaded)) s"
    "${PSQL[@]}" -Atc "select 'GIN title index ' || pg_size_pretty(pg_relation_size('article_search_title_recent_idx'))
        || ', GIN document index ' || pg_size_pretty(pg_relation_size('article_search_document_recent_idx'))
        || ', search rows with their TOAST ' || pg_size_pretty(pg_table_size('article_search'))"
    for kind in two four mixed middling english rare one abbreviated forms; do
        query=$(tsquery "$kind")
        counts=""
        for pick in 1 2 3 4 5 6; do
            counts+=$("${PSQL[@]}" -Atc "select ' ' || count(*) filter (where title @@ q) || '/' || count(*) filter (where document @@ q)
                from article_search, (select ${query//:pick/$pick} as q) q where status = 'published'" 2>/dev/null | tr -d '\n')
        done
        echo "$kind: matches (title/any) per word:$counts"
        TSQUERY=$query perl -pe 's/\bTSQUERY\b/$ENV{TSQUERY}/g' bench/search-query.sql >"$out/search-$kind.sql"
        for clients in 1 16; do
            run "$kind clients=$clients" "$clients" "search-$kind.sql"
        done
    done

    # The alternative: pg_trgm over the same text, newest first, as a substring match.
    "${PSQL[@]}" -c "create extension if not exists pg_trgm" -c "drop table if exists article_trgm" -c "create table article_trgm as
        select a.id as article_id, s.ranked_at, s.status, concat_ws(' ', a.title, a.summary, cms_plain_text(a.body),
               (select string_agg(concat_ws(' ', t.title, t.summary, cms_plain_text(t.body)), ' ') from article_translation t where t.article_id = a.id)) as content
        from article a join article_search s on s.article_id = a.id"
    trgm_start=$(date +%s)
    "${PSQL[@]}" -c "create index article_trgm_idx on article_trgm using gin (content gin_trgm_ops)" -c "analyze article_trgm"
    echo "pg_trgm index built in $(($(date +%s) - trgm_start)) s: $("${PSQL[@]}" -Atc "select pg_size_pretty(pg_relation_size('article_trgm_idx'))")"
    for kind in two four english rare; do
        cat >"$out/trgm-$kind.sql" <<EOF
\set pick random(1, 6)
select article_id from article_trgm where content ilike '%' || (array[${WORDS[$kind]}])[:pick] || '%' and status = 'published'
order by ranked_at desc limit 21;
EOF
        run "pg_trgm $kind clients=1" 1 "trgm-$kind.sql"
    done
} | tee "$results"
