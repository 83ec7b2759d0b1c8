#!/usr/bin/env bash
# The PDF search benchmark: the packaged service (production profile, -Xms512m -Xmx512m) on a database of its own
# holding generated PDFs (bench/pdf-dataset.sql: 5,000 by default, about 100,000 pages of 1,200 characters), searched
# page by page through GET /api/v1/media/search, computed each time (Cache-Control: no-cache skips the response
# cache), by anonymous readers (the PDFs published content cites) for words of every frequency: one on nearly every
# page, middling ones, the name of a city (on its centre's PDFs only, spread over all years), a city with a common
# word, absent words, a common word within one publisher's PDFs; then a city's name by an admin, who sees every PDF
# (the case PostgreSQL planned worst when left alone: media.PageSearch), and by an editor of one city's centre, who sees
# its PDFs, cited or not, beside every cited one (the studio's search for a figure's page). Each row is a ratio to the constant endpoint
# measured in the same run; the header counts the pages each word is on. Results: target/bench/pdf-search-results.txt.
# Usage: bash bench/pdf-search.sh [pdfs] [seconds per row] [connections]; BENCH_REUSE=1 keeps the previous dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
PDFS=${1:-5000}
SECONDS_PER_RUN=${2:-15}
CONNECTIONS=${3:-8}
REUSE=${BENCH_REUSE:-0}
PORT=${BENCH_PORT:-18082}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19082}
TOKEN=bench-admin-token-0123456789abcdef
out=target/bench
mkdir -p "$out"
results=$out/pdf-search-results.txt

source bench/measure.sh # bench_prepare, await_service, measure
source bench/tsquery.sh # sql_bigrams
bench_prepare pdf-app "$PORT" "$MANAGEMENT_PORT"
URL=$(ensure_local_database cms_bench_pdf "$([ "$REUSE" = 1 ] || echo fresh)")
PGPORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$URL")
export PGPASSWORD=$cms_password
PSQL=(psql -q -X -h 127.0.0.1 -p "$PGPORT" -U "$cms_role" -d cms_bench_pdf -v ON_ERROR_STOP=1)

# the service migrates the fresh database; the PDFs are written beside it, as if uploaded
QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_HTTP_PORT=$PORT CMS_MANAGEMENT_PORT=$MANAGEMENT_PORT CMS_BENCH_CONSTANT=true \
    CMS_ADMIN_TOKEN=$TOKEN CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 CMS_REQUEST_LOG=false CMS_MEDIA_DIR="$out/pdf-store" \
    java $(service_jvm_options 512m) -jar "$out/pdf-app/quarkus-run.jar" >"$out/pdf-service.log" 2>&1 &
SERVICE=$!
await_service "$out/pdf-service.log"
BASE=http://127.0.0.1:$PORT
if [ "$REUSE" != 1 ]; then
    start=$(date +%s)
    "${PSQL[@]}" -o /dev/null -v articles=0 -v pdfs="$PDFS" -f bench/dataset.sql -f bench/pdf-dataset.sql
    # the search documents from both cores, then the GIN index built once (as bench/load-articles.sh does for articles)
    "${PSQL[@]}" -c "drop index media_page_document"
    parts=()
    for part in 0 1; do "${PSQL[@]}" -v part=$part -o /dev/null -f bench/pdf-document-part.sql & parts+=($!); done
    wait "${parts[@]}"
    "${PSQL[@]}" -c "set maintenance_work_mem = '512MB'" -c "create index media_page_document on media_page using gin (document)"
    "${PSQL[@]}" -c "set client_min_messages = error" -c "vacuum analyze"
    generated=$(($(date +%s) - start))
fi

# the editor of 嘉兴's centre, with a token of its own (one more each run where the dataset is kept)
EDITOR_OF=bench-330400
EDITOR=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\": \"bench editor\", \"role\": \"editor\", \"publisher\": \"$EDITOR_OF\"}" "$BASE/api/v1/tokens" |
    sed -E 's/.*"secret": *"([^"]+)".*/\1/')

# A class of words: one path per word, each asked as often as the others.
declare -A WORDS=(
    [common]="公益金 福彩 彩民"
    [middling]="表彰大会 座谈会 培训班 巡察整改"
    [city]="拉萨 嘉兴 南京 桂林 三亚 黄山"
    [city-and-common]="拉萨+公益金 嘉兴+福彩 南京+公益金 桂林+彩民"
    [absent]="故宫 足球 英语 奥运会"
)
encode() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed -E 's/(..)/%\1/g; s/%2b/+/g'; }
pages_with() { # how many pages say every word of a query (words joined by +), as the search finds them
    local condition=true word
    for word in ${1//+/ }; do
        condition+=" and document @@ plainto_tsquery('simple', $(sql_bigrams "'$word'")) and strpos(text, '$word') > 0"
    done
    "${PSQL[@]}" -Atc "select count(*) from media_page where $condition"
}
printf '/api/v1/bench/constant\n%.0s' $(seq 10) >"$out/paths-pdf-constant.txt"
for class in "${!WORDS[@]}"; do
    : >"$out/paths-pdf-$class.txt"
    for word in ${WORDS[$class]}; do
        printf '/api/v1/media/search?q=%s&limit=20\tCache-Control: no-cache\n' "$(encode "$word")" >>"$out/paths-pdf-$class.txt"
    done
done
printf '/api/v1/media/search?q=%s&publisher=bench-330300&limit=20\tCache-Control: no-cache\n' "$(encode 公益金)" \
    >"$out/paths-pdf-publisher.txt"
# an admin sees every PDF, cited or not: no condition on who may see them narrows the plan's choice
for word in ${WORDS[city]}; do
    printf '/api/v1/media/search?q=%s&limit=20\tCache-Control: no-cache\tAuthorization: Bearer %s\n' "$(encode "$word")" "$TOKEN"
done >"$out/paths-pdf-city-admin.txt"
for word in ${WORDS[city]}; do
    printf '/api/v1/media/search?q=%s&limit=20\tCache-Control: no-cache\tAuthorization: Bearer %s\n' "$(encode "$word")" "$EDITOR"
done >"$out/paths-pdf-city-editor.txt"
for warm in constant common middling city city-and-common absent publisher city-admin city-editor; do
    while IFS=$'\t' read -r path _; do # every search answers 200, or nothing here is worth measuring
        curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE$path" || { echo "$path: $(curl -s "$BASE$path")" >&2; exit 1; }
    done <"$out/paths-pdf-$warm.txt"
    # driven before it is measured, long enough for the JIT to have compiled its paths (the constant first and longest)
    wrk -t2 -c4 -d"$([ $warm = constant ] && echo 15 || echo 8)s" -s bench/http.lua "$BASE" -- "$out/paths-pdf-$warm.txt" >/dev/null
done

{
    echo "PDF search benchmark, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(service_jvm_options 512m), wrk -t2 -d${SECONDS_PER_RUN}s c$CONNECTIONS"
    echo "dataset: $("${PSQL[@]}" -Atc "select count(*) || ' PDFs (' || count(*) filter (where exists (select 1 from media_use u where u.media_id = m.id)) || ' cited), '
        || (select count(*) from media_page) || ' pages, GIN index ' || pg_size_pretty(pg_relation_size('media_page_document'))
        from media m where deleted_at is null")${generated:+, generated and indexed in $generated s}"
    for class in common middling city city-and-common absent; do
        counts=""
        for word in ${WORDS[$class]}; do counts+=" $word $(pages_with "$word")"; done
        echo "pages per word, $class:$counts"
    done
    echo "publisher bench-330300: $(pages_with 公益金) pages say 公益金 in all, $("${PSQL[@]}" -Atc "select count(*) from media_page g join media m on m.id = g.media_id join publisher p on p.id = m.publisher_id where p.slug = 'bench-330300'") pages of its PDFs"
    echo "editor of $EDITOR_OF: $("${PSQL[@]}" -Atc "select count(*) || ' PDFs of its own, ' || (select count(*) from media m
        where m.deleted_at is null and exists (select 1 from media_use u where u.media_id = m.id and u.visible)) || ' cited in all'
        from media m join publisher p on p.id = m.publisher_id where p.slug = '$EDITOR_OF' and m.deleted_at is null")"
    echo "endpoint|requests/s|median ms|p99 ms|service CPU ms/request|PostgreSQL CPU ms/request|4xx-5xx|socket errors|client (wrk) CPU ms/request|service median ms|service p99 ms|JIT % of service CPU|longest request ms"
    measure "constant (GET /api/v1/bench/constant)" pdf-constant "$CONNECTIONS"
    measure "a word on nearly every page (${WORDS[common]})" pdf-common "$CONNECTIONS"
    measure "middling words (${WORDS[middling]})" pdf-middling "$CONNECTIONS"
    measure "a city's name (${WORDS[city]})" pdf-city "$CONNECTIONS"
    measure "a city and a common word (${WORDS[city-and-common]})" pdf-city-and-common "$CONNECTIONS"
    measure "absent words (${WORDS[absent]})" pdf-absent "$CONNECTIONS"
    measure "公益金 in one publisher's PDFs" pdf-publisher "$CONNECTIONS"
    measure "a city's name, by an admin (every PDF)" pdf-city-admin "$CONNECTIONS"
    measure "a city's name, by an editor of $EDITOR_OF (its PDFs and the cited ones)" pdf-city-editor "$CONNECTIONS"
    measure "constant, again" pdf-constant "$CONNECTIONS"
} | tee "$out/pdf-search-raw.txt" | awk -F'|' 'NF < 13 { print; next } $2 !~ /^[0-9]/ { print; next }
    !base { base = $2 } { printf "%s|%s (%.3f of constant)|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n", $1, $2, $2 / base, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }' | tee "$results"
