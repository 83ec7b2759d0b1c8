#!/usr/bin/env bash
# The media benchmark: the packaged service (production profile, -Xms512m -Xmx512m) on a database of its own, its media store in
# target/bench/media-store. Rows, as ratios to the constant endpoint measured in the same run (wrk): a 640-px rendition
# served from the local store to anonymous readers (public: a published article shows it), the 0.9 MB original, and
# uploads of 0.9 MB JPEGs, each a new item (bench/upload.lua); then the heap while 20 MB PDFs are uploaded one after
# another, sampled from the metrics. Results go to target/bench/media-results.txt.
# Usage: bash bench/media.sh [seconds per row] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
PORT=${BENCH_PORT:-18081}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19081}
TOKEN=bench-admin-token-0123456789abcdef
out=target/bench
mkdir -p "$out"
results=$out/media-results.txt

source bench/measure.sh  # bench_prepare, cpu_of, pg_cpu, measure
bench_prepare media-app "$PORT" "$MANAGEMENT_PORT"
rm -rf "$out/media-store"
java bench/MediaSamples.java "$out"

URL=$(ensure_local_database cms_bench_media fresh)
QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_HTTP_PORT=$PORT CMS_MANAGEMENT_PORT=$MANAGEMENT_PORT CMS_ADMIN_TOKEN=$TOKEN \
    CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_BENCH_CONSTANT=true CMS_MEDIA_DIR="$out/media-store" CMS_REQUEST_LOG=false \
    java $(service_jvm_options 512m) -jar "$out/media-app/quarkus-run.jar" >"$out/media-service.log" 2>&1 &
SERVICE=$!
await_service "$out/media-service.log"
BASE=http://127.0.0.1:$PORT

admin=(-H "Authorization: Bearer $TOKEN")
curl -fs "${admin[@]}" -H 'Content-Type: application/json' -o /dev/null "$BASE/api/v1/publishers" -d \
    '{"slug":"bench-media","name":"温州市福利彩票发行中心","level":"municipal","kind":"lottery_centre","regionCode":"330300"}'
sha=$(curl -fs "${admin[@]}" -H 'Content-Type: image/jpeg' --data-binary @"$out/photo.jpg" \
    "$BASE/api/v1/media?publisher=bench-media" | sed -E 's/.*"sha256":"([0-9a-f]{64})".*/\1/')
curl -fs "${admin[@]}" -H 'Content-Type: application/json' -o /dev/null "$BASE/api/v1/articles" -d "$(printf '%s' \
    '{"publisher":"bench-media","slug":"bench-media","locale":"zh-CN","title":"重阳节慰问","status":"published",' \
    '"body":"<p><img src=\"/api/v1/media-files/'"$sha"'/w640\" alt=\"慰问\"><img src=\"/api/v1/media-files/'"$sha"'/original\" alt=\"慰问\"></p>"}')"
printf '/api/v1/bench/constant\n%.0s' $(seq 10) >"$out/paths-media-constant.txt"
echo "/api/v1/media-files/$sha/w640" >"$out/paths-media-w640.txt"
echo "/api/v1/media-files/$sha/original" >"$out/paths-media-original.txt"
curl -fs -o /dev/null -w '%{http_code} %{size_download} bytes\n' "$BASE/api/v1/media-files/$sha/w640" >&2
for warm in media-constant media-w640 media-original; do
    wrk -t2 -c8 -d3s -s bench/http.lua "$BASE" -- "$out/paths-$warm.txt" >/dev/null
done

heap() { curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ { s += $NF } END { printf "%.0f", s }'; }
{
    echo "media benchmark, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(java -version 2>&1 | head -n 1), $(service_jvm_options 512m), local store, wrk -t2 -d${SECONDS_PER_RUN}s"
    echo "endpoint|requests/s|median ms|p99 ms|service CPU ms/request|PostgreSQL CPU ms/request|4xx-5xx|socket errors|client (wrk) CPU ms/request|service median ms|service p99 ms|JIT % of service CPU|longest request ms"
    measure "constant (GET /api/v1/bench/constant, c$CONNECTIONS)" media-constant "$CONNECTIONS"
    measure "640-px rendition, $(stat -c %s "$out/media-store/${sha:0:2}/$sha/w640") bytes, anonymous (c$CONNECTIONS)" media-w640 "$CONNECTIONS"
    measure "original, $(stat -c %s "$out/photo.jpg") bytes, anonymous (c$CONNECTIONS)" media-original "$CONNECTIONS"
    MEASURE_TIMEOUT=60s measure_script "upload of a $(stat -c %s "$out/photo.jpg")-byte JPEG, each a new item (c4)" 4 bench/upload.lua \
        "$out/photo.jpg" "/api/v1/media?publisher=bench-media" "$TOKEN"
} | tee "$out/media-raw.txt" | awk -F'|' 'NR <= 3 { print; next }
    NR == 4 { base = $2 } { printf "%s|%s (%.2f of constant)|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n", $1, $2, $2 / base, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }' | tee "$results"

# The heap while 20 MB PDFs stream in, one after another: sampled every 50 ms, against the idle heap after a GC.
sleep 2
idle=$(heap)
(while kill -0 $SERVICE 2>/dev/null; do heap; echo; sleep 0.05; done) >"$out/media-heap.txt" &
SAMPLER=$!
for i in 1 2 3 4; do
    curl -fs "${admin[@]}" -H 'Content-Type: application/pdf' --data-binary @"$out/big.pdf" -o /dev/null \
        -w "upload $i of $(stat -c %s "$out/big.pdf") bytes: %{http_code} in %{time_total} s\n" \
        "$BASE/api/v1/media?publisher=bench-media&title=$i" | tee -a "$results"
    printf '%% %d\n' "$i" >>"$out/big.pdf"  # other bytes next time: a new item
done
kill $SAMPLER
awk -v idle="$idle" 'NF { if ($1 > max) max = $1 } END {
    printf "heap while 20 MB PDFs were uploaded: at most %.0f MiB (%.0f MiB before); -Xmx512m\n", max / 1048576, idle / 1048576 }' \
    "$out/media-heap.txt" | tee -a "$results"
