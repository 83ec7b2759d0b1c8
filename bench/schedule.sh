#!/usr/bin/env bash
# Scheduled publishing precision: the packaged service (production profile, -Xms512m -Xmx512m, default settings) on a database of
# its own; 1,000 articles due in the same minute, spread evenly over it (the issue's measure), and in the middle of that
# minute a burst of 200 more due at one instant (annual reports at 09:00: a stress beyond it), all written through the
# API (with a +08:00 offset) before the minute starts, while readers list articles (wrk, c8 by default). Lag = when the
# scheduler's transaction publishing an article began (release.releasedAt) minus its publishedAt; p50, p99 and the
# maximum of each group, and the service's own measure to the commit (cms_schedule_lag_seconds, a decaying window).
# Results go to target/bench/schedule-results.txt.
# Usage: bash bench/schedule.sh [readers' connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
CONNECTIONS=${1:-8}
PORT=${BENCH_PORT:-18082}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19082}
TOKEN=bench-admin-token-0123456789abcdef
out=target/bench
mkdir -p "$out"
results=$out/schedule-results.txt

source bench/measure.sh  # bench_prepare
bench_prepare schedule-app "$PORT" "$MANAGEMENT_PORT"
URL=$(ensure_local_database cms_bench_schedule fresh)
DB_PORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$URL")
export PGPASSWORD=$cms_password
QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_HTTP_PORT=$PORT CMS_MANAGEMENT_PORT=$MANAGEMENT_PORT CMS_ADMIN_TOKEN=$TOKEN \
    CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_REQUEST_LOG=false \
    java $(service_jvm_options 512m) -jar "$out/schedule-app/quarkus-run.jar" >"$out/schedule-service.log" 2>&1 &
SERVICE=$!
await_service "$out/schedule-service.log"
BASE=http://127.0.0.1:$PORT
admin=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
curl -fs "${admin[@]}" -o /dev/null "$BASE/api/v1/publishers" -d \
    '{"slug":"bench-schedule","name":"温州市福利彩票发行中心","level":"municipal","kind":"lottery_centre","regionCode":"330300"}'

# The minute: the first whole minute at least 120 s away, time enough to write 1,200 articles.
minute=$(( ($(date +%s) + 120 + 59) / 60 * 60 ))
for i in $(seq 0 1199); do
    if [ "$i" -lt 1000 ]; then slug=due-$i; offset_ms=$(( i * 60000 / 1000 )); else slug=burst-$i; offset_ms=30000; fi
    # written as China Standard Time (+08:00), as a centre's editor would: eight hours on from UTC on the clock face
    due=$(date -u -d "@$(( minute + 8 * 3600 + offset_ms / 1000 ))" '+%Y-%m-%dT%H:%M:%S').$(printf '%03d' $(( offset_ms % 1000 )))+08:00
    printf '{"publisher":"bench-schedule","slug":"%s","locale":"zh-CN","title":"定时发布 %d","status":"published","publishedAt":"%s","regionCodes":["330302"]}\n' \
        "$slug" "$i" "$due"
done | xargs -P 4 -d '\n' -I{} curl -fs "${admin[@]}" -o /dev/null "$BASE/api/v1/articles" -d {}
scheduled=$(curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/articles?publisher=bench-schedule&status=scheduled&limit=100" \
    | grep -o '"status":"scheduled"' | wc -l)
[ "$(date +%s)" -lt "$minute" ] || { echo "the articles were not all written before their minute began" >&2; exit 1; }
echo "/api/v1/articles?region=330300&limit=20" >"$out/paths-schedule-readers.txt"

# Readers from 5 s before the minute to 5 s after it; then the releases are read from the database.
sleep $(( minute - $(date +%s) - 5 ))
wrk -t2 -c"$CONNECTIONS" -d70s --latency -s bench/http.lua "$BASE" -- "$out/paths-schedule-readers.txt" \
    | grep '^RESULT' >"$out/schedule-readers.txt"
sleep 2
{
    echo "schedule benchmark, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(java -version 2>&1 | head -n 1), $(service_jvm_options 512m), one instance, default poll interval (1 s, sleeping to the exact instant)"
    echo "readers during the minute (region list, c$CONNECTIONS): $(sed -E 's/.*requests=([0-9]+) seconds=([0-9.]+).*p99_ms=([0-9.]+).*/\1 requests in \2 s, p99 \3 ms/' "$out/schedule-readers.txt")"
    echo "scheduled before the minute (first page of the editors' list): $scheduled of 100 shown"
    psql -X -q -t -A -F' ' -h 127.0.0.1 -p "$DB_PORT" -U "$cms_role" -d cms_bench_schedule -c "
        select split_part(slug, '-', 1), count(*), count(*) filter (where status = 'published'),
               count(*) filter (where (release ->> 'late')::boolean),
               round(percentile_cont(0.5) within group (order by lag)::numeric, 1),
               round(percentile_cont(0.99) within group (order by lag)::numeric, 1),
               round(max(lag)::numeric, 1)
        from (select slug, status, release,
                     extract(epoch from (release ->> 'releasedAt')::timestamptz - published_at) * 1000 as lag
              from article) a group by 1 order by 1 desc" \
        | awk '{ printf "%s: %d articles, %d published, %d marked late; lag p50 %s ms, p99 %s ms, max %s ms\n",
                 $1 == "due" ? "spread evenly over the minute" : "burst due at one instant", $2, $3, $4, $5, $6, $7 }'
    # the service's own measure, to the commit that made each article public (cms_schedule_lag_seconds)
    curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '
        /^cms_schedule_lag_seconds\{.*quantile="0.5"/ { p50 = $NF } /^cms_schedule_lag_seconds\{.*quantile="0.99"/ { p99 = $NF }
        /^cms_schedule_lag_seconds_max/ { max = $NF } /^cms_schedule_lag_seconds_count/ { n = $NF }
        END { printf "from due to the commit that made it public (%d items, cms_schedule_lag_seconds): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", n, p50 * 1000, p99 * 1000, max * 1000 }'
} | tee "$results"
