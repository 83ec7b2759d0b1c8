#!/usr/bin/env bash
# The cover cascade: moving an image's focal point rewrites every article whose cover it is, each a change of its own
# (revision, feed row, webhook, audit), in the one transaction that moves it (ArticleService.refocusCovers). The
# packaged service (production profile, -Xms512m -Xmx512m) on a database of its own; one publisher, one image, and
# articles with it as their cover made through the API, up to [articles]; at each count the focal point is moved 3
# times, timed by the client, with the service's and PostgreSQL's CPU. The limit it is measured against, in the same
# run: one article replaced through PUT (median of the last 50 of 300), so the last column says how many article saves one move costs
# per cover. Results: target/bench/refocus-results.txt.
# Usage: bash bench/refocus.sh [articles]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
MOST=${1:-2000}
PORT=${BENCH_PORT:-18083}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19083}
TOKEN=bench-admin-token-0123456789abcdef
out=target/bench
mkdir -p "$out"
results=$out/refocus-results.txt

source bench/measure.sh # bench_prepare, await_service, cpu_of, pg_cpu
bench_prepare refocus-app "$PORT" "$MANAGEMENT_PORT"
java bench/MediaSamples.java "$out"
URL=$(ensure_local_database cms_bench_refocus fresh)
QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_HTTP_PORT=$PORT CMS_MANAGEMENT_PORT=$MANAGEMENT_PORT CMS_ADMIN_TOKEN=$TOKEN \
    CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_REQUEST_LOG=false CMS_MEDIA_DIR="$out/refocus-store" \
    java $(service_jvm_options 512m) -jar "$out/refocus-app/quarkus-run.jar" >"$out/refocus-service.log" 2>&1 &
SERVICE=$!
await_service "$out/refocus-service.log"
BASE=http://127.0.0.1:$PORT
admin=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')

curl -fs "${admin[@]}" -o /dev/null "$BASE/api/v1/publishers" -d \
    '{"slug":"bench-refocus","name":"温州市福利彩票发行中心","level":"municipal","kind":"lottery_centre","regionCode":"330300"}'
image=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: image/jpeg' --data-binary @"$out/photo.jpg" \
    "$BASE/api/v1/media?publisher=bench-refocus" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
article() { # the JSON of article $1, its title $2, the image as its cover
    printf '{"publisher":"bench-refocus","slug":"cover-%s","locale":"zh-CN","title":"%s","status":"published",%s}' \
        "$1" "$2" "\"coverImageId\":\"$image\",\"body\":\"<p>温州福彩2019年销量再破20亿,筹集公益金5亿多元。</p>\""
}
create_article() { # article $1, through the API
    curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$BASE/api/v1/articles" \
        -d "$(article "$1" '福彩中心新址启用')"
}
export BASE TOKEN image
export -f article create_article
made=0
make_articles() { # up to $1 articles, four at a time
    seq $((made + 1)) "$1" | xargs -P4 -I{} bash -c 'create_article {}'
    made=$1
}
seconds() { curl -fs -o /dev/null -w '%{time_total}' "$@"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# the limit: one article replaced, its title changed each time (the first 250 warm the service's write path)
make_articles 1
first=$(curl -fs "$BASE/api/v1/articles?publisher=bench-refocus&limit=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
for i in $(seq 300); do
    seconds -X PUT "${admin[@]}" "$BASE/api/v1/articles/$first" -d "$(article 1 "福彩中心新址启用 $i")"
    echo
done | tail -n 50 | median >"$out/refocus-save.txt"
save_ms=$(awk '{ printf "%.1f", $1 * 1000 }' "$out/refocus-save.txt")

{
    echo "cover cascade benchmark, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(service_jvm_options 512m); one article replaced (PUT, median of the last 50 of 300): $save_ms ms"
    echo "covers|move, median of 3 ms|service CPU ms/move|PostgreSQL CPU ms/move|ms per cover|article saves per cover"
    move=0
    for count in 10 100 500 $MOST; do
        [ "$count" -le "$MOST" ] || continue
        make_articles "$count"
        service_before=$(cpu_of $SERVICE)
        pg_before=$(pg_cpu)
        for i in 1 2 3; do
            move=$((move + 1))
            seconds -X PUT "${admin[@]}" "$BASE/api/v1/media/$image" -d "{\"focalPoint\":{\"x\":0.$((move % 9 + 1)),\"y\":0.5}}"
            echo
        done | median >"$out/refocus-move.txt"
        ticks=$(getconf CLK_TCK)
        awk -v covers="$count" -v save="$save_ms" -v service=$(($(cpu_of $SERVICE) - service_before)) \
            -v pg=$(($(pg_cpu) - pg_before)) -v tick="$ticks" '{ ms = $1 * 1000;
            printf "%d|%.0f|%.0f|%.0f|%.2f|%.2f\n", covers, ms, service * 1000 / tick / 3, pg * 1000 / tick / 3,
                ms / covers, ms / covers / save }' "$out/refocus-move.txt"
    done
} | tee "$results"
