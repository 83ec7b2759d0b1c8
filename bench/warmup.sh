#!/usr/bin/env bash
# The JIT's warm-up under the realistic mix (issue #17): the packaged service started cold, then the mix of
# bench/mix.lua (its readers and mirrors, without the writer) minute by minute, for each set of JVM options in turn,
# round after round, so that the machine's drift falls on every set alike. Each row: the minute's requests/s, p99, the
# share from the response cache, the service's CPU per request and the JIT compiler threads' share of it.
# Run bench/http.sh first (the database, the paths); this checkout is built and copied to target/bench/app.
# Usage: bash bench/warmup.sh [minutes, default 6] [rounds, default 2] [JVM options, one argument a set; default:
# tiered compilation as Java chooses it, then C1 alone (-XX:TieredStopAtLevel=1)].
# Results: target/bench/warmup-results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
MINUTES=${1:-6}
ROUNDS=${2:-2}
shift $(( $# < 2 ? $# : 2 ))
OPTION_SETS=("$@")
[ ${#OPTION_SETS[@]} -gt 0 ] || OPTION_SETS=("" "-XX:TieredStopAtLevel=1")
PORT=${BENCH_PORT:-18080}
BASE=http://127.0.0.1:$PORT
TOKEN=bench-admin-token-0123456789abcdef
out=target/bench
results=$out/warmup-results.txt
[ -f "$out/paths-mix-articles.txt" ] && [ -f "$out/paths-sync-computed.txt" ] || { echo "run bench/http.sh first" >&2; exit 1; }
source bench/measure.sh # bench_prepare, await_service, cpu_of, jit_ticks, TICKS
bench_prepare app "$PORT" "${BENCH_MANAGEMENT_PORT:-19080}"
URL=$(ensure_local_database cms_bench_http)
cursor=$(sed -n 2p "$out/paths-sync-computed.txt" | cut -f1 | sed 's/.*cursor=//')

minute() { # options label, round, minute: one row
    local java_before jit_before line
    java_before=$(cpu_of $SERVICE)
    jit_before=$(jit_ticks $SERVICE)
    line=$(wrk -t2 -c32 -d60s --latency -s bench/mix.lua "$BASE" -- \
        "$out/paths-mix-articles.txt" "$out/paths-mix-lists.txt" "$cursor" "$TOKEN" | grep '^RESULT')
    awk -v label="$1" -v round="$2" -v minute="$3" -v line="$line" -v hz="$TICKS" \
        -v jt="$(( $(cpu_of $SERVICE) - java_before ))" -v jit="$(( $(jit_ticks $SERVICE) - jit_before ))" 'BEGIN {
        n = split(line, kv, /[ =]/); for (i = 2; i < n; i += 2) r[kv[i]] = kv[i + 1]
        printf "%s|%d|%d|%.0f|%.1f|%s|%.3f|%.0f\n", label, round, minute, r["requests"] / r["seconds"], r["p99_ms"],
            r["cache_hit_percent"], jt / hz * 1000 / r["requests"], (jt > 0 ? 100 * jit / jt : 0) }'
}

{
    echo "JIT warm-up under the realistic mix, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); $(java -version 2>&1 | head -n 1), $(service_jvm_options 512m), wrk -t2 -c32, mix without its writer"
    echo "JVM options|round|minute|requests/s|p99 ms|% from the cache|service CPU ms/request|% of it compiling"
    for round in $(seq 1 "$ROUNDS"); do
        for options in "${OPTION_SETS[@]}"; do
            QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_HTTP_PORT=$PORT CMS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19080} \
                CMS_ADMIN_TOKEN=$TOKEN CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 \
                CMS_BENCH_CONSTANT=true \
                java $(service_jvm_options 512m) $options -jar "$out/app/quarkus-run.jar" >"$out/warmup-service.log" 2>&1 &
            SERVICE=$!
            await_service "$out/warmup-service.log"
            for m in $(seq 1 "$MINUTES"); do
                minute "${options:-tiered (default)}" "$round" "$m"
            done
            kill $SERVICE
            wait $SERVICE 2>/dev/null || true
            trap - EXIT
        done
    done
} | tee "$results"
