#!/usr/bin/env bash
# The HTTP benchmark: the packaged service (production profile, -Xms512m -Xmx512m) on a generated dataset of 100,000 articles
# (bench/dataset.sql) and 50,960 figures (bench/figures.sql), driven by wrk with varied ids and query strings
# (bench/http.lua). For each endpoint: requests per second, median and 99th-percentile latency, and CPU time per
# request of the service and of PostgreSQL; each as a ratio to the constant endpoint (GET /api/v1/bench/constant)
# measured in the same run just before and just after it (the constant is measured between every two computed rows). The realistic mix runs with an article writer, the computed figure summaries with a figure writer (5 writes a
# second each). Then a full sync snapshot by one client, and one feed page after 100 changes. The service writes a GC
# log (target/bench/http-gc.log): every row counts its pauses, and the mix rows say on which threads its CPU went.
# Results go to target/bench/http-results.txt. Usage: bash bench/http.sh [seconds per endpoint] [connections];
# BENCH_REUSE=1 keeps the dataset of the previous run; BENCH_JAVA_OPTIONS adds JVM options (e.g. -XX:+UseParallelGC);
# BENCH_MIX_SETTLE: seconds of unmeasured mix between its two measured runs (default 120); BENCH_ROW_WARMUP: seconds
# each computed row is driven, unmeasured, just before it is measured (default 5; 0 measures from the first request).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
source bench/load-articles.sh
source bench/tsquery.sh # pgbench_tsquery
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
REUSE=${BENCH_REUSE:-0}
PORT=${BENCH_PORT:-18080}
TOKEN=bench-admin-token-0123456789abcdef
out=target/bench
mkdir -p "$out"
results=$out/http-results.txt

source bench/measure.sh  # bench_prepare, cpu_of, pg_cpu, measure
bench_prepare app "$PORT" "${BENCH_MANAGEMENT_PORT:-19080}"

URL=$(ensure_local_database cms_bench_http "$([ "$REUSE" = 1 ] || echo fresh)")
DB_PORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$URL")
export PGPASSWORD=$cms_password
PSQL=(psql -q -X -h 127.0.0.1 -p "$DB_PORT" -U "$cms_role" -d cms_bench_http -v ON_ERROR_STOP=1)

QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_HTTP_PORT=$PORT CMS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19080} CMS_ADMIN_TOKEN=$TOKEN \
    CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 CMS_BENCH_CONSTANT=true \
    java $(service_jvm_options 512m) "-Xlog:gc:file=$out/http-gc.log" ${BENCH_JAVA_OPTIONS:-} -jar "$out/app/quarkus-run.jar" \
    >"$out/http-service.log" 2>&1 &
SERVICE=$!
SERVICE_GC_LOG=$out/http-gc.log # every row counts the GC's pauses in it (bench/measure.sh)
await_service "$out/http-service.log"
BASE=http://127.0.0.1:$PORT
# Partner mirrors read with a sync token of their own, as partners do: a stored token, looked up as theirs would be
# (the bootstrap admin token is checked in memory, which would flatter every sync row).
MIRROR_TOKEN=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"压测镜像站 (bench mirror)","role":"sync"}' "$BASE/api/v1/tokens" | sed -E 's/.*"secret":"([^"]*)".*/\1/')
[ -n "$MIRROR_TOKEN" ] || { echo "could not create the mirrors' sync token" >&2; exit 1; }

if [ "$REUSE" != 1 ]; then
    echo "generating the dataset (about 5 minutes)…" >&2
    load_articles 100000
    "${PSQL[@]}" -o /dev/null -f bench/figures.sql
    "${PSQL[@]}" -c "set client_min_messages = error" -c "vacuum analyze"
fi

# Request lines for wrk: a path, then headers after tabs; non-ASCII in query strings percent-encoded.
enc() { printf '%s' "$1" | od -An -tx1 | tr -s ' \n' '\n\n' | sed '/^$/d; s/^/%/' | tr -d '\n'; }
lines() { "${PSQL[@]}" -Atc "$1" >"$out/paths-$2.txt"; }
# The constant: a fixed JSON answer through the whole HTTP stack, never from the response cache (BenchConstantResource).
lines "select '/api/v1/bench/constant' from generate_series(1, 10)" constant
lines "select '/api/v1' from generate_series(1, 10)" index
# The ids, positions and regions both the HTTP run and pgbench pick from (an id by its number: an index probe, as an id
# in a URL is).
"${PSQL[@]}" -c "drop table if exists bench_article, bench_page50" \
    -c "create table bench_article as select row_number() over (order by md5(id::text))::int as n, id from article
        where status = 'published' and deleted_at is null order by md5(id::text) limit 2000" \
    -c "alter table bench_article add primary key (n)" \
    -c "create table bench_page50 as select coalesce(published_at, '-infinity'::timestamptz) as key, id from article
        where deleted_at is null and status = 'published' order by 1 desc, id desc offset 979 limit 1" \
    -c "analyze bench_article, bench_page50"
PROVINCES=$("${PSQL[@]}" -Atc "select 'array[' || string_agg(quote_literal(code), ', ' order by code) || ']' from region where level = 'province'")
lines "select '/api/v1/articles/' || id from bench_article order by n" article
: >"$out/paths-article-304.txt"
head -n 300 "$out/paths-article.txt" | while read -r path; do
    etag=$(curl -fsI "$BASE$path" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
    printf '%s\tIf-None-Match: %s\n' "$path" "$etag" >>"$out/paths-article-304.txt"
done
# First pages and pages 50 of the same five orders and filters, so that the two compare like with like.
filters=("" "region=330000" "region=440000" "category=$(enc 本地新闻)" "sort=-updatedAt")
: >"$out/paths-list.txt"
for filter in "${filters[@]}"; do echo "/api/v1/articles?$filter" >>"$out/paths-list.txt"; done
lines "select '/api/v1/articles?region=' || r.code || '&category=' || c from region r,
       unnest(array['$(enc 本地新闻)', '$(enc 公益金公告)', '$(enc 销售动态)', '$(enc 通知公告)']) c where r.level = 'province'" list-filtered
: >"$out/paths-list-page-50.txt"
for filter in "${filters[@]}"; do
    url="$BASE/api/v1/articles?$filter"
    for _ in $(seq 49); do
        cursor=$(curl -fs "$url" | sed -E 's/.*"nextCursor":"([^"]*)".*/\1/')
        url="$BASE/api/v1/articles?$filter&cursor=$cursor"
    done
    echo "${url#"$BASE"}" >>"$out/paths-list-page-50.txt"
done
: >"$out/paths-sync.txt"
url="$BASE/api/v1/sync/articles?limit=20"
for _ in $(seq 300); do
    printf '%s\tAuthorization: Bearer %s\n' "${url#"$BASE"}" "$MIRROR_TOKEN" >>"$out/paths-sync.txt"
    cursor=$(curl -fs -H "Authorization: Bearer $MIRROR_TOKEN" "$url" | sed -E 's/.*"nextCursor":"([^"]*)".*/\1/')
    url="$BASE/api/v1/sync/articles?limit=20&cursor=$cursor"
done
: >"$out/paths-search.txt"
for q in 福彩 助学 扶老 助残 民政 彩民 党建引领 公益活动 困难群众 志愿服务 星级站点 阳光福彩 "温州 公益金" "杭州 福彩" conferences charity students; do
    echo "/api/v1/search?q=$(enc "$q")" >>"$out/paths-search.txt"
done
head -n 1 "$out/paths-search.txt" >"$out/paths-search-word.txt" # 福彩 alone: issue #17's "common two-character word"
lines "select '/api/v1/fund-figures/summary?groupBy=year&flow=raised&region=' || code from region where level = 'province'
       union all select '/api/v1/sales-figures/summary?groupBy=year&region=' || code from region where level = 'province'" summary
printf '/api/v1/sales-figures?periodFrom=2023-10-01&periodTo=2025-12-31\tAccept: text/csv\n' >"$out/paths-csv.txt"
printf '/api/v1/sales-figures?periodFrom=2023-10-01&periodTo=2025-12-31\tAccept: text/csv\tCache-Control: no-cache\n' \
    >"$out/paths-csv-computed.txt" # for bench/interleaved.sh
csv_rows=$(curl -fs -H 'Accept: text/csv' "$BASE/api/v1/sales-figures?periodFrom=2023-10-01&periodTo=2025-12-31" | wc -l)

# The same requests with Cache-Control: no-cache, which skips the service's response cache: what computing costs.
for kind in article article-304 list list-filtered list-page-50 sync search search-word summary; do
    sed 's/$/\tCache-Control: no-cache/' "$out/paths-$kind.txt" >"$out/paths-$kind-computed.txt"
done

PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)
PGBENCH=${PGBENCH:-pgbench}

# The database alone: pgbench runs the SQL each endpoint runs (bench/pg/*.sql), with the same clients and inputs.
for file in bench/pg/*.sql; do
    sed "s/PROVINCES/$PROVINCES/g" "$file" >"$out/pg-$(basename "$file")"
done
search_words=$(sed -E 's|^/api/v1/search\?q=||' "$out/paths-search.txt" | while read -r word; do
    printf "'%s'," "$(printf '%b' "${word//%/\\x}")"; done | sed 's/,$//')
TSQUERY=$(pgbench_tsquery "$search_words") \
    perl -pe 's/\bTSQUERY\b/$ENV{TSQUERY}/g; s/random\(1, 6\)/random(1, '"$(wc -l <"$out/paths-search.txt")"')/' bench/search-query.sql >"$out/pg-search.sql"
pg_measure() { # label, script, clients: transactions/s, median and p99 ms, PostgreSQL CPU ms per transaction
    local pg_before
    pg_before=$(pg_cpu)
    rm -f "$out"/pgbench_log.*
    (cd "$out" && "$PGBENCH" -n -h 127.0.0.1 -p "$DB_PORT" -U "$cms_role" -M prepared -c "$3" -j 2 -T "$SECONDS_PER_RUN" \
        -f "pg-$2.sql" -l cms_bench_http >/dev/null 2>&1)
    local pg_ticks=$(( $(pg_cpu) - pg_before ))
    cat "$out"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk -v label="$1" -v pt="$pg_ticks" -v hz="$TICKS" -v s="$SECONDS_PER_RUN" '
        { v[NR] = $1 } END { printf "%s|%.0f|%.2f|%.2f|%.3f\n", label, NR / s, v[int(NR * 0.5)], v[int(NR * 0.99)], pt / hz * 1000 / NR }'
}

# A mirror's first sync: every article, page by page, one client; its last cursor is where the mix's mirrors start.
# The pages are kept and counted afterwards: reading a cursor from the end of each is all the loop does besides the transfer.
rm -f "$out/snapshot.json"
start=$(date +%s%N)
url="$BASE/api/v1/sync/articles?limit=100"
pages=0
while :; do
    curl -fs -H "Authorization: Bearer $MIRROR_TOKEN" "$url" >"$out/page.json"
    cat "$out/page.json" >>"$out/snapshot.json"
    pages=$((pages + 1))
    tail=$(tail -c 300 "$out/page.json")
    cursor=$(sed -E 's/.*"nextCursor":"([^"]*)".*/\1/' <<<"$tail")
    [[ $tail == *'"hasMore":true'* ]] || break
    url="$BASE/api/v1/sync/articles?limit=100&cursor=$cursor"
done
snapshot_ms=$(( ($(date +%s%N) - start) / 1000000 ))
items=$(grep -o '"type":"upsert"' "$out/snapshot.json" | wc -l)
snapshot_mb=$(( $(stat -c %s "$out/snapshot.json") / 1048576 ))
rm -f "$out/snapshot.json"
feed_cursor=$cursor
echo "$feed_cursor" >"$out/mix-feed-cursor.txt" # for bench/profile.sh mix and bench/side-by-side.sh mix

# The realistic mix (bench/mix.lua): every published article by popularity (the writer's first, then a fixed random
# order), list URLs drawn over publishers x regions x categories x locales, 16 mirrors from the feed's head, and a
# writer replacing 20 articles in turn, 5 times a second.
lines "select '/api/v1/articles?limit=20'
        || case when random() < 0.4 then '&publisher=' || p[1 + floor(random() * cardinality(p))::int] else '' end
        || case when random() < 0.4 then '&region=' || r[1 + floor(random() * cardinality(r))::int] else '' end
        || case when random() < 0.5 then '&category=' || c[1 + floor(random() * cardinality(c))::int] else '' end
        || case when random() < 0.25 then '&locale=en' else '' end
       from (select array_agg(slug) p from publisher where slug like 'bench-%') publishers,
            (select array_agg(code) r from region where level in ('province', 'prefecture')) regions,
            (select array['$(enc 本地新闻)', '$(enc 公益金公告)', '$(enc 销售动态)', '$(enc 通知公告)'] c) categories,
            generate_series(1, 5000)" mix-lists
writer_body() { # the article the writer keeps replacing, titled with a counter
    printf '{"publisher":"bench-330000","slug":"bench-writer-%s","locale":"zh-CN","title":"温州福彩第%s次更新",' "$1" "$2"
    printf '"summary":"写入压力测试","body":"<p>全年投入福彩公益金743.9万元。</p>","category":"本地新闻",'
    printf '"tags":["公益金"],"regionCodes":["330302"],"publishedAt":"2026-01-01T08:00:00Z","status":"published"}'
}
writer_ids=()
for i in $(seq 20); do
    existing=$(curl -fs "$BASE/api/v1/publishers/bench-330000/articles/bench-writer-$i" | sed -nE 's/^\{"id":"([^"]+)".*/\1/p' || true)
    if [ -z "$existing" ]; then
        existing=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "$(writer_body "$i" 0)" "$BASE/api/v1/articles" | sed -nE 's/^\{"id":"([^"]+)".*/\1/p')
    fi
    writer_ids+=("$existing")
done
{
    printf '/api/v1/articles/%s\n' "${writer_ids[@]}"
    "${PSQL[@]}" -Atc "select '/api/v1/articles/' || id from article where status = 'published' and deleted_at is null
        and slug not like 'bench-writer-%' order by md5(id::text)"
} >"$out/paths-mix-articles.txt"
WRITES=0 # the writer's counter, carried from one mix run to the next so that every write changes a title
paced_writes() { # curl's config of the writes in $1, sent by one curl at 5 a second; their statuses go to $2
    # One process for all of them, on one kept-alive connection, as an editor's client would: a curl and two
    # subshells a write cost this client some 65 ms of CPU each, a third of a core taken from the service at 5 a second.
    sed '$d' "$1" | curl -s --rate 5/s -K - >>"$2" || true # without the last "next", which would ask for one more
}
curl_write() { # method, path, JSON body: one write of a curl config, its status written out on a line
    printf 'url = "%s%s"\nrequest = "%s"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' \
        "$BASE" "$2" "$1" "$TOKEN"
    printf 'data = "%s"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n' "${3//\"/\\\"}"
}
writer() { # replaces the writer's articles in turn, 5 times a second, for $1 seconds
    local n
    for n in $(seq $(( $1 * 5 ))); do
        curl_write PUT "/api/v1/articles/${writer_ids[$(( (n - 1) % 20 ))]}" "$(writer_body $(( (n - 1) % 20 + 1 )) "$((WRITES + n))")"
    done >"$out/writer.curl"
    paced_writes "$out/writer.curl" "$out/writes.txt"
}
# The figure writer of the computed summary row: 20 figures of 2025 (sales of a month, fund raised in the year, of ten
# provinces), corrected in turn 5 times a second, so that the summaries it measures read that year again after each
# write, as they would on the day a centre corrects its figures; the other years' totals are kept (FigureSummaryYears).
figure_body() { # kind (sales or fund), province code, amount in 万元
    printf '{"publisher":"bench-%s","regionCode":"%s","lotteryType":"welfare","qualifier":"exact",' "$2" "$2"
    if [ "$1" = fund ]; then
        printf '"period":{"start":"2025-01-01","end":"2025-12-31","granularity":"YEAR"},"fund":{"flow":"raised"},'
    else
        printf '"period":{"start":"2025-12-01","end":"2025-12-31","granularity":"MONTH"},'
    fi
    printf '"amount":{"value":"%s","unit":"万元"},"source":{"url":"https://www.example.org/bench/2025","quote":"更正"}}' "$3"
}
figure_writer_ids=()
for code in $("${PSQL[@]}" -Atc "select code from region where level = 'province' order by code limit 10"); do
    for kind in sales fund; do
        id=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$(figure_body $kind "$code" 1000)" \
            "$BASE/api/v1/$kind-figures" | sed -nE 's/^\{"id":"([^"]+)".*/\1/p')
        figure_writer_ids+=("$kind/$id/$code")
    done
done
figure_writer() { # corrects the writer's figures in turn, 5 times a second, for $1 seconds
    local n kind id code
    for n in $(seq $(( $1 * 5 ))); do
        IFS=/ read -r kind id code <<<"${figure_writer_ids[$(( (n - 1) % ${#figure_writer_ids[@]} ))]}"
        curl_write POST "/api/v1/$kind-figures/$id/corrections" \
            "{\"reason\":\"更正第$n次\",\"figure\":$(figure_body "$kind" "$code" "$((1000 + n)).50")}"
    done >"$out/figure-writer.curl"
    paced_writes "$out/figure-writer.curl" "$out/figure-writes.txt"
}
measure_mix() { # label, connections: the mix row, with its cache hit rate, the writes made and the JIT's share
    local java_before pg_before jit_before client_before line writer_pid log_before gc_before threads_before
    log_before=$(log_bytes)
    gc_before=$(gc_log_bytes)
    threads_before=$(thread_kind_ticks $SERVICE)
    java_before=$(cpu_of $SERVICE)
    jit_before=$(jit_ticks $SERVICE)
    pg_before=$(pg_cpu)
    : >"$out/writes.txt"
    # the writer's own CPU (bash and a curl a write) is kept apart from wrk's in the client column
    ( writer "$SECONDS_PER_RUN"; times >"$out/writer.times" ) &
    writer_pid=$!
    WRITES=$((WRITES + SECONDS_PER_RUN * 5))
    children_ms
    client_before=$CHILDREN_MS
    line=$(wrk -t2 -c"$2" -d"${SECONDS_PER_RUN}s" --latency -s bench/mix.lua "$BASE" -- \
        "$out/paths-mix-articles.txt" "$out/paths-mix-lists.txt" "$feed_cursor" "$MIRROR_TOKEN" | grep '^RESULT')
    wait $writer_pid 2>/dev/null || true
    local java_ticks=$(( $(cpu_of $SERVICE) - java_before )) pg_ticks=$(( $(pg_cpu) - pg_before ))
    children_ms
    local writer_ms
    writer_ms=$(awk '{ split($0, t, /[ms ]+/); ms += (t[1] * 60 + t[2] + t[3] * 60 + t[4]) * 1000 } END { print int(ms) }' \
        "$out/writer.times") # the subshell's own CPU and its children's
    local jit=$(( $(jit_ticks $SERVICE) - jit_before )) client=$(( CHILDREN_MS - client_before - writer_ms ))
    awk -v label="$1" -v line="$line" -v jt="$java_ticks" -v pt="$pg_ticks" -v hz="$TICKS" -v jit="$jit" -v client="$client" -v writer_ms="$writer_ms" \
        -v threads="$threads_before $(thread_kind_ticks $SERVICE)" -v gc="$(gc_pauses "$gc_before")" \
        -v writes="$(grep -c '^2' "$out/writes.txt" || true)" -v served="$(service_latency "$log_before")" 'BEGIN {
        n = split(line, kv, /[ =]/); for (i = 2; i < n; i += 2) r[kv[i]] = kv[i + 1]
        rps = r["requests"] / r["seconds"]
        split(threads, t, " ") # the CPU a request by kind of thread: where a slow run spent it
        for (i = 1; i <= 5; i++) kind[i] = (t[i + 5] - t[i]) / hz * 1000 / r["requests"]
        printf "%s (%s%% from the response cache, %d writes, the writer using %.1f s of CPU, JIT compiling %.0f%% of the service CPU, p99.9 %.1f ms, max %.0f ms; the service CPU a request on event loops %.3f ms, workers %.3f, JIT %.3f, GC %.3f, other threads %.3f)|%.0f|%.2f|%.2f|%.3f|%.3f|%d|%d|%.3f|%s\n",
            label, r["cache_hit_percent"], writes, writer_ms / 1000, (jt > 0 ? 100 * jit / jt : 0), r["p999_ms"], r["max_ms"], kind[1], kind[2], kind[3], kind[4], kind[5],
            rps, r["p50_ms"], r["p99_ms"], jt / hz * 1000 / r["requests"], pt / hz * 1000 / r["requests"], r["non2xx"], r["socket_errors"], client / r["requests"],
            served "|" sprintf("%.0f|%.0f", jt > 0 ? 100 * jit / jt : 0, r["max_ms"]) "|" gc }'
}

warm_row() { # paths: driven as its row will be, unmeasured, for BENCH_ROW_WARMUP seconds
    local seconds=${BENCH_ROW_WARMUP:-5}
    [ "$seconds" -gt 0 ] || return 0
    wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" -s bench/http.lua "$BASE" -- "$out/paths-$1.txt" >/dev/null
}

# Every endpoint's paths once at low concurrency, so that the runs measure a warm service and a filled cache. The CSV
# export too: unwarmed, its row's first four requests were its four longest (19:06 on 2026-12-06: 583-707 ms while the
# JIT compiled its paths, then 173-574 ms); a service's first minutes are bench/warmup.sh's to measure.
for warm in constant index article article-304 list list-filtered list-page-50 sync search summary csv; do
    wrk -t2 -c8 -d3s -s bench/http.lua "$BASE" -- "$out/paths-$warm.txt" >/dev/null
done
{
    echo "HTTP benchmark, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -n 1), $(service_jvm_options 512m) ${BENCH_JAVA_OPTIONS:-}, PostgreSQL $("${PSQL[@]}" -Atc 'show server_version'), wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s"
    echo "endpoint|requests/s|median ms|p99 ms|service CPU ms/request|PostgreSQL CPU ms/request|4xx-5xx|socket errors|client (wrk) CPU ms/request|service median ms|service p99 ms|JIT % of service CPU|longest request ms|GC pauses|GC paused ms|longest GC pause ms"
    measure "constant (GET /api/v1/bench/constant, never cached)" constant "$CONNECTIONS"
    # twice: first with a cache that has seen none of the mix's URLs, then as a service that has run for a while:
    # after BENCH_MIX_SETTLE seconds (default 120) more of the mix and its writer, unmeasured. The JIT goes on
    # compiling the mix's code paths for some two minutes (bench/profile.sh mix: its compiler threads used 23 % of the
    # service's CPU over 150 s), and the first run pays for that too.
    measure_mix "realistic mix, first run" "$CONNECTIONS"
    settle=${BENCH_MIX_SETTLE:-120}
    if [ "$settle" -gt 0 ]; then
        writer "$settle" &
        wrk -t2 -c"$CONNECTIONS" -d"${settle}s" -s bench/mix.lua "$BASE" -- \
            "$out/paths-mix-articles.txt" "$out/paths-mix-lists.txt" "$feed_cursor" "$MIRROR_TOKEN" >/dev/null
        wait $! 2>/dev/null || true
        WRITES=$((WRITES + settle * 5))
    fi
    measure_mix "realistic mix, second run (after ${settle} s more of the mix)" "$CONNECTIONS"
    # Each computed row is driven for BENCH_ROW_WARMUP seconds before it is measured, as the cached rows were warmed
    # at the start: without it, its first seconds measured the JIT compiling its code paths and the row before it
    # draining (08:32 on 2026-12-04: the computed article served 3,400-4,400 requests a second in its first four
    # seconds, then 4,900-6,000). A service's first minutes are what the mix's first run and bench/warmup.sh measure.
    # A constant row after each of them: this machine's speed drifts within a run (17:31 on 2026-12-06: the constant
    # 15,273 at the start, 21,153 in the middle), and each row's share is to the constant measured just before and
    # just after it.
    measure "constant, between rows" constant "$CONNECTIONS"
    for kind in article article-304 list list-filtered list-page-50 sync search search-word; do
        label="computed (no-cache): $kind"
        # the search row draws 17 queries (words, phrases, two words, English); the target names one common word
        [ "$kind" = search-word ] && label="computed (no-cache): search-word (福彩, a common two-character word)"
        warm_row "$kind-computed"
        measure "$label" "$kind-computed" "$CONNECTIONS"
        measure "constant, between rows" constant "$CONNECTIONS"
    done
    warm_row summary-computed
    : >"$out/figure-writes.txt"
    figure_writer "$SECONDS_PER_RUN" &
    writer_pid=$!
    row=$(measure "computed (no-cache): summary" summary-computed "$CONNECTIONS")
    wait $writer_pid 2>/dev/null || true
    # the label says how many corrections were made during the row
    echo "${row/computed (no-cache): summary/computed (no-cache): summary, a 2025 figure corrected 5 times a second ($(grep -c '^200' "$out/figure-writes.txt" || true) corrections)}"
    # the constant again, in the middle and at the end: this machine's speed drifts within a run, and one
    # measurement at the start made every ratio of a run depend on its first minute
    measure "constant, again after the computed rows" constant "$CONNECTIONS"
    measure "cached: API index GET /api/v1" index "$CONNECTIONS"
    measure "cached: article by id (2,000 ids)" article "$CONNECTIONS"
    measure "cached: article by id, If-None-Match (304)" article-304 "$CONNECTIONS"
    measure "cached: article list, first page (5 orders and filters)" list "$CONNECTIONS"
    measure "cached: article list, region and category" list-filtered "$CONNECTIONS"
    measure "cached: article list, page 50 by cursor (the same 5)" list-page-50 "$CONNECTIONS"
    measure "cached: sync page of 20 (300 snapshot cursors)" sync "$CONNECTIONS"
    measure "cached: search (20 hits)" search "$CONNECTIONS"
    measure "cached: figures summary by year" summary "$CONNECTIONS"
    measure "constant, again after the cached rows" constant "$CONNECTIONS"
    measure "CSV export ($((csv_rows - 1)) figures)" csv 4
} | tee "$out/http-raw.txt" | awk -F'|' 'NR <= 3 { print; next }
    { row[++n] = $0; split($0, f, "|"); rps[n] = f[2]; constant[n] = ($1 ~ /^constant/) }
    END {
        # every share is to the mean of the constant rows measured just before and just after its row (one of
        # them at the ends of the run)
        for (i = 1; i <= n; i++) {
            if (constant[i]) { sum += rps[i]; k++; if (min == "" || rps[i] < min) min = rps[i]; if (rps[i] > max) max = rps[i] }
            before = ""; after = ""
            for (j = i - 1; j >= 1 && before == ""; j--) if (constant[j]) before = rps[j]
            for (j = i + 1; j <= n && after == ""; j++) if (constant[j]) after = rps[j]
            base[i] = before == "" ? after : after == "" ? before : (before + after) / 2
        }
        for (i = 1; i <= n; i++) {
            split(row[i], f, "|")
            share = constant[i] ? "" : sprintf(" (%.2f of constant, %.0f)", f[2] / base[i], base[i])
            printf "%s|%s%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n", f[1], f[2], share, f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[16]
        }
        printf "the constant: %d measurements, %.0f to %.0f requests/s, mean %.0f; a share is to the mean of the two around its row\n", k, min, max, sum / k
    }' | tee "$results"
{
    echo
    echo "the same SQL through pgbench -M prepared -c $CONNECTIONS (CSV: -c 4), and the computed endpoint as a share of it"
    echo "SQL of|transactions/s|median ms|p99 ms|PostgreSQL CPU ms/transaction|endpoint computed / pgbench"
    for kind in article article-304 list list-filtered list-page-50 sync search summary csv; do
        clients=$CONNECTIONS
        [ "$kind" = csv ] && clients=4
        row=$(pg_measure "$kind" "$kind" "$clients")
        http=$(awk -F'|' -v k="computed (no-cache): $kind" -v k2="$kind" '
            $1 == k || index($1, k ", ") == 1 { print $2 } $1 ~ /^CSV/ && k2 == "csv" { print $2 }' "$out/http-raw.txt")
        awk -F'|' -v row="$row" -v http="$http" 'BEGIN { split(row, f, "|"); printf "%s|%.2f\n", row, http / f[2] }'
    done
} | tee -a "$results"

# One feed page after 100 changes, read with the cursor the snapshot ended at.
"${PSQL[@]}" -c "update article set summary = summary || ' ' where id in (select id from article where status = 'published' order by md5(id::text) limit 100)"
sleep 1
feed_ms=$(curl -fs -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $MIRROR_TOKEN" "$BASE/api/v1/sync/articles?limit=100&cursor=$feed_cursor" | awk '{printf "%.1f", $1 * 1000}')
echo "sync: full snapshot of $items articles ($snapshot_mb MiB of JSON) in $pages pages of 100: $((snapshot_ms / 1000)).$((snapshot_ms % 1000 / 100)) s; feed page after 100 changes: $feed_ms ms" | tee -a "$results"
echo "service log lines with ERROR or OutOfMemory: $(grep -c -E 'ERROR|OutOfMemory' "$out/http-service.log" || true)" | tee -a "$results"
