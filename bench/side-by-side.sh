#!/usr/bin/env bash
# Two packages of the service at the same time, on the dataset of the last HTTP benchmark (cms_bench_http; run
# bench/http.sh first): both started, warmed together, then each endpoint driven on both at once, computed
# (Cache-Control: no-cache), by one wrk each with half the connections; for several rounds. Both share whatever the
# machine does in that moment, which interleaving cannot give: on this VM two runs of the same package a minute apart
# differ by up to a quarter, while the two sides of one pair differ by a few hundredths (docs/performance.md#side-by-
# side). Each row: the requests/s and p99 of A and of B, and B/A; then the median B/A of each endpoint over the rounds.
# The sum of both sides is not comparable with bench/http.sh's rows: each side has half the machine.
# Not for a change of where requests run (event loop or worker threads): the kernel shares the two cores among runnable
# threads, not processes, so the side with more of them busy gets more CPU. Cache hits answered on the event loop came
# out at 0.73 and, sides swapped, 1/1.41 here, while alone the same package spent a third less CPU per hit and per
# request of the mix (docs/performance.md#event-loop-hits): measure such a change alone, in turns (bench/in-turns.sh).
# Usage: bash bench/side-by-side.sh <quarkus-app dir A> <quarkus-app dir B> [rounds] [endpoints]; the endpoint "mix" is
# the realistic mix (bench/mix.lua) without its writer, its mirrors at the feed's head (the cache is used: not computed).
# e.g. bash bench/side-by-side.sh /tmp/old/target/quarkus-app target/quarkus-app 4 "article-304 list".
# BENCH_JAVA_OPTIONS_A and BENCH_JAVA_OPTIONS_B add JVM options to one side (the same package twice compares those);
# BENCH_CONNECTIONS: wrk connections of each side (default 16); BENCH_WARMUP: seconds both are driven through every
# endpoint before the first round (default 180: with half the CPU each, both were still getting faster for three
# minutes of rounds after 60 s).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
A=$1 B=$2 ROUNDS=${3:-4} ENDPOINTS=${4:-article-304 list}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT_A=${BENCH_PORT:-18091}
PORT_B=$((PORT_A + 1))
URL=$(ensure_local_database cms_bench_http)
out=target/bench
mkdir -p "$out"
command -v wrk >/dev/null || { echo "installing wrk from Debian's packages" >&2; apt-get install -y wrk >/dev/null; }

start() { # side, app dir, port: the service's pid
    local options_of=BENCH_JAVA_OPTIONS_$1 options
    read -ra options <<<"${!options_of:-}"
    QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password \
        QUARKUS_HTTP_PORT=$3 CMS_MANAGEMENT_PORT=$(($3 + 1000)) CMS_ADMIN_TOKEN=bench-admin-token-0123456789abcdef \
        CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 \
        QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future' CMS_BENCH_CONSTANT=true \
        java $(service_jvm_options 512m) "${options[@]}" -jar "$2/quarkus-run.jar" >"$out/side-by-side-$1.log" 2>&1 &
    echo $!
}
for port in $PORT_A $PORT_B; do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        echo "port $port already answers: something this script did not start would be measured" >&2
        exit 1
    fi
done
SERVICE_A=$(start A "$A" "$PORT_A")
SERVICE_B=$(start B "$B" "$PORT_B")
trap 'kill $SERVICE_A $SERVICE_B 2>/dev/null; wait 2>/dev/null || true' EXIT
for side in A B; do
    port_of=PORT_$side
    service_of=SERVICE_$side
    for _ in $(seq 120); do
        curl -fs "http://127.0.0.1:${!port_of}/api/v1" >/dev/null && break
        kill -0 "${!service_of}" 2>/dev/null || { cat "$out/side-by-side-$side.log" >&2; exit 1; }
        sleep 1
    done
done

paths() { if [ -f "$out/paths-$1-computed.txt" ]; then echo "$out/paths-$1-computed.txt"; else echo "$out/paths-$1.txt"; fi; }
script() { # endpoint: wrk's script and its arguments; "mix" is the realistic mix without its writer, from the feed's head
    if [ "$1" = mix ]; then
        echo bench/mix.lua -- "$out/paths-mix-articles.txt" "$out/paths-mix-lists.txt" "$(cat "$out/mix-feed-cursor.txt")" \
            "$(sed -n 1p "$out/paths-sync.txt" | sed 's/.*Bearer //')"
    else
        echo bench/http.lua -- "$(paths "$1")"
    fi
}
drive() { # port, endpoint, seconds: "requests/s p99 cache-hit-%" of one wrk (the hit rate of the mix only)
    local args
    read -ra args <<<"$(script "$2")"
    wrk -t1 -c"$CONNECTIONS" -d"$3s" --timeout 2s --latency -s "${args[0]}" "http://127.0.0.1:$1" "${args[@]:1}" \
        | awk '/^RESULT/ { n = split($0, kv, /[ =]/); for (i = 2; i < n; i += 2) r[kv[i]] = kv[i + 1]
            printf "%.0f %.2f %s\n", r["requests"] / r["seconds"], r["p99_ms"], r["cache_hit_percent"] == "" ? "-" : r["cache_hit_percent"] }'
}
both() { # endpoint, seconds: one line "A-requests/s A-p99 A-hits B-requests/s B-p99 B-hits"
    drive "$PORT_A" "$1" "$2" >"$out/.side-a" &
    drive "$PORT_B" "$1" "$2" >"$out/.side-b"
    wait
    echo "$(cat "$out/.side-a") $(cat "$out/.side-b")"
}

read -ra endpoints <<<"$ENDPOINTS"
per_endpoint=$(( ${BENCH_WARMUP:-180} / ${#endpoints[@]} + 1 ))
for endpoint in "${endpoints[@]}"; do both "$endpoint" "$per_endpoint" >/dev/null; done
echo "side-by-side, $(date -u '+%Y-%m-%d %H:%M UTC'), A: $A ${BENCH_JAVA_OPTIONS_A:-}, B: $B ${BENCH_JAVA_OPTIONS_B:-}," \
    "wrk -t1 -c$CONNECTIONS each, 15 s a row after 8 s unmeasured"
echo "round|endpoint|A requests/s|A p99 ms|A % from the cache|B requests/s|B p99 ms|B % from the cache|B/A"
: >"$out/side-by-side-ratios.txt"
for round in $(seq "$ROUNDS"); do
    for endpoint in "${endpoints[@]}"; do
        both "$endpoint" 8 >/dev/null
        read -r ra pa ha rb pb hb <<<"$(both "$endpoint" 15)"
        ratio=$(awk -v a="$ra" -v b="$rb" 'BEGIN { printf "%.3f", b / a }')
        echo "$endpoint $ratio" >>"$out/side-by-side-ratios.txt"
        echo "$round|$endpoint|$ra|$pa|$ha|$rb|$pb|$hb|$ratio"
    done
done
for endpoint in "${endpoints[@]}"; do
    awk -v e="$endpoint" '$1 == e { print $2 }' "$out/side-by-side-ratios.txt" | sort -n \
        | awk -v e="$endpoint" '{ v[NR] = $1 } END { printf "%s: median B/A %.3f (from %.3f to %.3f, %d rounds)\n",
            e, (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2, v[1], v[NR], NR }'
done
