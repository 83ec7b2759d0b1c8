#!/usr/bin/env bash
# Reads through HAProxy on the cluster of scripts/cluster.sh (issue #23): computed reads (Cache-Control: no-cache, so
# that every request reaches PostgreSQL) of articles by id and of region-filtered lists with two instances sharing the
# cores, with the two each pinned to a core of its own (taskset), with one
# (the other drained through HAProxy's runtime API, so both configurations run on the same warm JVMs), and with that one
# instance without HAProxy; all with the reads on the replica, then again with them on the primary (CMS_REPLICA_JDBC_URL
# unset). Each row: requests/s, median and p99 latency, the ratio to the first row, and the milliseconds of CPU each
# part spent per request (the JVMs, the primary, the replica, HAProxy; wrk is the rest). Loads BENCH_ARTICLES (20,000)
# generated articles (bench/dataset.sql) into the primary; the replica gets them by streaming. Replica lag under write
# load is measured by the fault test (bash scripts/cluster.sh test).
# CLUSTER_JAVA_OPTIONS adds JVM options to both instances (e.g. -XX:ActiveProcessorCount=1); CLUSTER_CPUSETS="0 1"
# starts each in a cpuset of its own (scripts/cluster.sh), so that it sizes itself for one core; BENCH_READS=replica
# measures the reads on the replica only.
# Results: target/bench/cluster-results.txt. Usage: bash bench/cluster.sh [seconds per row] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source bench/load-articles.sh
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
ARTICLES=${BENCH_ARTICLES:-20000}
ROUNDS=${BENCH_ROUNDS:-2}
# BENCH_READS=replica skips the second half (reads on the primary)
READS=${BENCH_READS:-both}
BASE=http://127.0.0.1:8090
INSTANCE_PORTS=(8081 8082)
out=target/bench
mkdir -p "$out"
results=$out/cluster-results.txt
command -v wrk >/dev/null || { echo "installing wrk from Debian's packages" >&2; apt-get install -y wrk >/dev/null; }

bash scripts/cluster.sh down >/dev/null 2>&1 || true
bash scripts/cluster.sh up
export PGPASSWORD=$cms_password
PSQL=(psql -q -X -h 127.0.0.1 -p 5441 -U "$cms_role" -d cms -v ON_ERROR_STOP=1)
load_articles "$ARTICLES"
"${PSQL[@]}" -Atc "select '/api/v1/articles/' || id || E'\tCache-Control: no-cache' from article
                   where status = 'published' order by id limit 5000" >"$out/cluster-paths-article.txt"
"${PSQL[@]}" -Atc "select distinct '/api/v1/articles?region=' || code || E'&limit=20\tCache-Control: no-cache'
                   from region where level = 'prefecture'" >"$out/cluster-paths-list.txt"
# the replica has replayed the load before anything is measured
for _ in $(seq 1 600); do
    [ "$("${PSQL[@]}" -Atc "select coalesce(replay_lsn >= pg_current_wal_lsn(), false) from pg_stat_replication")" = t ] && break
    sleep 0.5
done

# CPU seconds used so far by each part: instances (the JVMs), the primary, the replica, HAProxy
cpu_ticks() {
    local pid args
    for pid in /proc/[0-9]*; do
        args=$(tr '\0' ' ' 2>/dev/null <"$pid/cmdline") || continue
        case $args in
            *quarkus-run*) echo "jvm $(cut -d' ' -f14,15 "$pid/stat" 2>/dev/null)" ;;
            "postgres: "*cms-primary*) echo "primary $(cut -d' ' -f14,15 "$pid/stat" 2>/dev/null)" ;;
            "postgres: "*cms-replica*) echo "replica $(cut -d' ' -f14,15 "$pid/stat" 2>/dev/null)" ;;
            *haproxy*) echo "haproxy $(cut -d' ' -f14,15 "$pid/stat" 2>/dev/null)" ;;
        esac
    done | awk -v hz="$(getconf CLK_TCK)" '{ t[$1] += ($2 + $3) / hz } END { for (k in t) print k, t[k] }'
}

# wrk on a paths file for $SECONDS_PER_RUN seconds; prints "requests/s p50 p99 errors"
measure() { # base, paths file, seconds
    local line
    line=$(wrk -t2 -c"$CONNECTIONS" -d"$3s" --timeout 2s --latency -s bench/http.lua "$1" -- "$2" | grep '^RESULT')
    sed -E 's/.*requests=([0-9]+) seconds=([0-9.]+) non2xx=([0-9]+) socket_errors=([0-9]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+).*/\1 \2 \5 \6 \3 \4/' \
        <<<"$line" | awk '{ printf "%.0f %s %s %d\n", $1 / $2, $3, $4, $5 + $6 }'
}

# Freshly started JVMs on two cores compile for minutes, and one given half the traffic twice as long: each instance
# gets the whole load directly, in turn, twice for BENCH_WARM_SECONDS (60), before anything is measured.
warm() {
    local pass port
    for pass in 1 2; do
        for port in "${INSTANCE_PORTS[@]}"; do
            measure "http://127.0.0.1:$port" "$out/cluster-paths-article.txt" "${BENCH_WARM_SECONDS:-60}" >/dev/null
            measure "http://127.0.0.1:$port" "$out/cluster-paths-list.txt" 15 >/dev/null
        done
    done
}

first=""
row() { # label, base, paths file
    local before after rps p50 p99 errors
    before=$(cpu_ticks)
    read -r rps p50 p99 errors < <(measure "$2" "$3" "$SECONDS_PER_RUN")
    after=$(cpu_ticks)
    [ -z "$first" ] && first=$rps
    # milliseconds of CPU per request of each part
    local cpu
    cpu=$(printf '%s\n%s\n' "$before" "$after" | awk -v n="$((rps * SECONDS_PER_RUN))" '
        { if ($1 in a) d[$1] = $2 - a[$1]; else a[$1] = $2 }
        END { printf "jvm %.2f, primary %.2f, replica %.2f, haproxy %.2f", d["jvm"] * 1000 / n, d["primary"] * 1000 / n,
              d["replica"] * 1000 / n, d["haproxy"] * 1000 / n }')
    printf '%-44s %6d req/s %5.2f  p50 %6.2f  p99 %7.2f ms  %d errors  CPU ms/request: %s\n' "$1" "$rps" \
        "$(awk -v a="$rps" -v b="$first" 'BEGIN { print a / b }')" "$p50" "$p99" "$errors" "$cpu"
}

# pin CPUS0 CPUS1: the CPUs each instance's threads may run on, set on the running JVMs (taskset), so that one and the
# same warm pair runs shared or pinned; a JVM keeps the sizes it chose at start (event loops, GC threads) either way.
pin() {
    taskset -a -p -c "$1" "$(cat target/cluster/instance-0.pid)" >/dev/null
    taskset -a -p -c "$2" "$(cat target/cluster/instance-1.pid)" >/dev/null
}
ALL_CPUS=0-$(($(nproc) - 1))

# One round: the same two warm JVMs through HAProxy sharing every core, then each on a core of its own (instance N on
# core N), then with instance 1 drained (HAProxy's runtime API, so that the one instance left is exactly as warm) and
# instance 0 on every core, then instance 0 without HAProxy; every other round in the reverse order, so that what
# warming is left favours no configuration.
round() { # where the reads go, the round's number
    local paths configuration order=(two pinned one direct)
    [ $(($2 % 2)) = 0 ] && order=(direct one pinned two)
    for paths in article list; do
        for configuration in "${order[@]}"; do
            case $configuration in
                two) row "$paths, 2 instances, $1" "$BASE" "$out/cluster-paths-$paths.txt" ;;
                pinned)
                    pin 0 1
                    row "$paths, 2 instances on a core each, $1" "$BASE" "$out/cluster-paths-$paths.txt"
                    pin "$ALL_CPUS" "$ALL_CPUS"
                    ;;
                one)
                    bash scripts/cluster.sh drain 1 >/dev/null
                    row "$paths, 1 instance, $1" "$BASE" "$out/cluster-paths-$paths.txt"
                    bash scripts/cluster.sh ready 1 >/dev/null
                    ;;
                direct) row "$paths, 1 instance without HAProxy, $1" "http://127.0.0.1:${INSTANCE_PORTS[0]}" \
                    "$out/cluster-paths-$paths.txt" ;;
            esac
        done
    done
}

{
    echo "== reads through HAProxy: instances and where they read =="
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ);" \
        "commit $(git rev-parse --short HEAD 2>/dev/null || echo none); $ARTICLES articles; wrk -t2 -c$CONNECTIONS" \
        "-d${SECONDS_PER_RUN}s; computed reads (no-cache); ratio to the first row; $ROUNDS rounds, the" \
        "first row of each round is its first configuration"
    echo "JVM options: -Xms384m -Xmx384m ${CLUSTER_JAVA_OPTIONS:-}; started in cpusets: ${CLUSTER_CPUSETS:-no}"
    warm
    for n in $(seq 1 "$ROUNDS"); do round "reads on the replica" "$n"; done
    if [ "$READS" = both ]; then
        kill "$(cat target/cluster/instance-0.pid)" "$(cat target/cluster/instance-1.pid)"
        sleep 3
        CLUSTER_REPLICA_READS=off bash scripts/cluster.sh up >/dev/null
        warm
        for n in $(seq 1 "$ROUNDS"); do round "reads on the primary" "$n"; done
    fi
} | tee "$results"
bash scripts/cluster.sh down >/dev/null
