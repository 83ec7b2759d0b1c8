#!/usr/bin/env bash
# Two packages of the service in turns, each alone on the machine, on the dataset of the last HTTP benchmark
# (cms_bench_http; run bench/http.sh first): for each round, A then B (B then A in even rounds) is started, warmed on
# the endpoint, measured on it, then on the constant endpoint, and stopped. The endpoint is the realistic mix
# (bench/mix.lua without its writer, its mirrors at the feed's head) or one of bench/http.sh's path lists
# (article-computed, list-computed, ...). Each row:
# requests/s, the share of the constant measured right after, p99, the share from the response cache (mix), the
# service's CPU per request (from /proc), and the GC's pauses while it was measured (its log: target/bench/in-turns-gc.log). This VM's speed swings by half within minutes (constant 27,000-43,000
# requests/s in one hour): read the shares and the CPU of several rounds, never one row. The side that runs second in
# a round did worse when both sides were alike (one package, one setting: 0.39 / 0.36, 0.39 / 0.29, 0.26 / 0.26 of the
# constant on the mix; docs/performance.md#the-second-side-of-a-round): hence the alternating order, and an even
# number of rounds.
# For changes that bench/side-by-side.sh cannot judge: where requests run (event loop or worker threads), pool sizes.
# Usage: bash bench/in-turns.sh <quarkus-app dir A> <quarkus-app dir B> [rounds, default 2] [endpoint, default mix]
# [warm-up s, default 60] [measured s, default 30]. BENCH_JAVA_OPTIONS_A / _B add JVM options to one side (the same
# package twice with and without a setting). Results: target/bench/in-turns.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
source bench/measure.sh # await_service
A=$1 B=$2 ROUNDS=${3:-2} ENDPOINT=${4:-mix} WARM=${5:-60} MEASURED=${6:-30}
PORT=${BENCH_PORT:-18080}
out=target/bench
[ -f "$out/mix-feed-cursor.txt" ] || { echo "run bench/http.sh first" >&2; exit 1; }
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
    echo "port $PORT already answers: stop what listens there, or set BENCH_PORT" >&2
    exit 1
fi
cursor=$(cat "$out/mix-feed-cursor.txt")
mirror_token=$(sed -n 1p "$out/paths-sync.txt" | sed 's/.*Bearer //')
if [ "$ENDPOINT" = mix ]; then
    DRIVE=(bench/mix.lua -- "$out/paths-mix-articles.txt" "$out/paths-mix-lists.txt" "$cursor" "$mirror_token")
else
    [ -f "$out/paths-$ENDPOINT.txt" ] || { echo "no $out/paths-$ENDPOINT.txt: run bench/http.sh first" >&2; exit 1; }
    DRIVE=(bench/http.lua -- "$out/paths-$ENDPOINT.txt")
fi
URL=$(ensure_local_database cms_bench_http)
results=$out/in-turns.txt
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }

one() { # <side> <quarkus-app dir> <round>: one row
    local options
    options=$([ "$1" = A ] && echo "${BENCH_JAVA_OPTIONS_A:-}" || echo "${BENCH_JAVA_OPTIONS_B:-}")
    QUARKUS_DATASOURCE_JDBC_URL="$URL" QUARKUS_HTTP_PORT="$PORT" CMS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19080} \
        CMS_ADMIN_TOKEN=bench-admin-token-0123456789abcdef CMS_LIMITS_WRITES_PER_MINUTE=0 \
        CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 CMS_BENCH_CONSTANT=true \
        java $(service_jvm_options 512m) "-Xlog:gc:file=$out/in-turns-gc.log" $options -jar "$2/quarkus-run.jar" \
        >"$out/in-turns-service.log" 2>&1 &
    SERVICE=$!
    SERVICE_GC_LOG=$out/in-turns-gc.log
    await_service "$out/in-turns-service.log"
    wrk -t2 -c32 -d"${WARM}s" -s "${DRIVE[0]}" "http://127.0.0.1:$PORT" "${DRIVE[@]:1}" >/dev/null
    local before after measured constant gc_before gc
    before=$(awk '{ print $14 + $15 }' /proc/$SERVICE/stat)
    gc_before=$(gc_log_bytes)
    measured=$(wrk -t2 -c32 -d"${MEASURED}s" --latency -s "${DRIVE[0]}" "http://127.0.0.1:$PORT" "${DRIVE[@]:1}" | grep '^RESULT')
    after=$(awk '{ print $14 + $15 }' /proc/$SERVICE/stat)
    gc=$(gc_pauses "$gc_before")
    constant=$(wrk -t2 -c32 -d10s -s bench/http.lua "http://127.0.0.1:$PORT" -- "$out/paths-constant.txt" | grep '^RESULT')
    kill $SERVICE
    wait $SERVICE 2>/dev/null || true
    trap - EXIT
    awk -v side="$1" -v round="$3" -v n="$(field requests "$measured")" -v s="$(field seconds "$measured")" \
        -v c="$(field requests "$constant")" -v cs="$(field seconds "$constant")" -v p99="$(field p99_ms "$measured")" \
        -v hits="$(grep -q cache_hit_percent <<<"$measured" && field cache_hit_percent "$measured" || echo -)" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
        -v gc="$gc" 'BEGIN { printf "%s|%s|%.0f|%.0f|%.2f|%s|%s|%.3f|%s\n", round, side, n / s, c / cs, n / s / (c / cs), p99, hits,
                 ticks / hz * 1000 / n, gc }' | tee -a "$results"
}

{
    echo "in turns, $(date -u '+%F %H:%M UTC'), A: $A ${BENCH_JAVA_OPTIONS_A:-}, B: $B ${BENCH_JAVA_OPTIONS_B:-}, wrk -t2 -c32, $ENDPOINT ${MEASURED} s after ${WARM} s," \
        "constant 10 s"
    echo "round|side|requests/s|constant requests/s|share of the constant|p99 ms|% from the cache|service CPU ms/request|GC pauses|GC paused ms|longest GC pause ms"
} | tee "$results"
for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then
        one A "$A" "$round"
        one B "$B" "$round"
    else
        one B "$B" "$round"
        one A "$A" "$round"
    fi
done
awk -F'|' 'NR > 2 { share[$2] = share[$2] " " $5; cpu[$2] = cpu[$2] " " $8 }
    END { for (side in share) printf "%s: share of the constant%s; CPU ms/request%s\n", side, share[side], cpu[side] }' \
    "$results" | sort | tee -a "$results"
