#!/usr/bin/env bash
# Scheduled publishing precision: the packaged service (production profile, -Xmx512m, default poll interval) on a
# database of its own; 1,000 articles due in the same minute (200 at its first instant, as announcements at 09:00
# are, the other 800 spread over it), written through the API before the minute starts, while readers list articles
# (wrk, c8). Lag = when the scheduler published an article (release.releasedAt) minus its publishedAt; p50, p99 and
# the maximum over the 1,000. Results go to target/bench/schedule-results.txt.
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
    java -Xmx512m -jar "$out/schedule-app/quarkus-run.jar" >"$out/schedule-service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$PORT/api/v1" >/dev/null && break
    kill -0 $SERVICE 2>/dev/null || { cat "$out/schedule-service.log" >&2; exit 1; }
    sleep 1
done
BASE=http://127.0.0.1:$PORT
admin=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
curl -fs "${admin[@]}" -o /dev/null "$BASE/api/v1/publishers" -d \
    '{"slug":"bench-schedule","name":"温州市福利彩票发行中心","level":"municipal","kind":"lottery_centre","regionCode":"330300"}'

# The minute: the first whole minute at least 90 s away, time enough to write 1,000 articles.
minute=$(( ($(date +%s) + 90 + 59) / 60 * 60 ))
for i in $(seq 0 999); do
    if [ "$i" -lt 200 ]; then offset_ms=0; else offset_ms=$(( (i - 200) * 60000 / 800 )); fi
    # written as China Standard Time (+08:00), as a centre's editor would: eight hours on from UTC on the clock face
    due=$(date -u -d "@$(( minute + 8 * 3600 + offset_ms / 1000 ))" '+%Y-%m-%dT%H:%M:%S').$(printf '%03d' $(( offset_ms % 1000 )))+08:00
    printf '{"publisher":"bench-schedule","slug":"due-%d","locale":"zh-CN","title":"定时发布 %d","status":"published","publishedAt":"%s","regionCodes":["330302"]}\n' \
        "$i" "$i" "$due"
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
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(java -version 2>&1 | head -n 1), -Xmx512m, one instance, default poll interval (1 s, sleeping to the exact instant)"
    echo "readers during the minute (region list, c$CONNECTIONS): $(sed -E 's/.*requests=([0-9]+) seconds=([0-9.]+).*p99_ms=([0-9.]+).*/\1 requests in \2 s, p99 \3 ms/' "$out/schedule-readers.txt")"
    echo "scheduled before the minute (first page of the editors' list): $scheduled of 100 shown"
    psql -X -q -t -A -F' ' -h 127.0.0.1 -p "$DB_PORT" -U "$cms_role" -d cms_bench_schedule -c "
        select count(*) filter (where status = 'published'),
               round(percentile_cont(0.5) within group (order by lag)::numeric, 1),
               round(percentile_cont(0.99) within group (order by lag)::numeric, 1),
               round(max(lag)::numeric, 1),
               count(*) filter (where (release ->> 'late')::boolean)
        from (select status, release,
                     extract(epoch from (release ->> 'releasedAt')::timestamptz - published_at) * 1000 as lag
              from article) a" \
        | awk '{ printf "1000 articles due in one minute: %d published; lag p50 %s ms, p99 %s ms, max %s ms; %d marked late\n", $1, $2, $3, $4, $5 }'
} | tee "$results"
