#!/usr/bin/env bash
# Reads through HAProxy on the cluster of scripts/cluster.sh (issue #23): computed reads (Cache-Control: no-cache, so
# that every request reaches PostgreSQL) of articles by id and of region-filtered lists, with two instances reading on
# the replica, with one instance (the other stopped, HAProxy sends it nothing), and with two instances reading on the
# primary (CMS_REPLICA_JDBC_URL unset). Each row: requests/s, median and p99 latency, as a ratio to the first row of
# the same run. Loads BENCH_ARTICLES (20,000) generated articles (bench/dataset.sql) into the primary; the replica
# gets them by streaming. Each configuration is warmed for 2 × BENCH_WARM_SECONDS (30) first. Replica lag under write
# load is measured by the fault test (bash scripts/cluster.sh test).
# Results: target/bench/cluster-results.txt. Usage: bash bench/cluster.sh [seconds per row] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source bench/load-articles.sh
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
ARTICLES=${BENCH_ARTICLES:-20000}
BASE=http://127.0.0.1:8090
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

# the JIT of freshly started instances: on two cores it takes about a minute of load to settle
warm() {
    for paths in article list; do
        wrk -t2 -c"$CONNECTIONS" -d"${BENCH_WARM_SECONDS:-30}s" -s bench/http.lua "$BASE" -- "$out/cluster-paths-$paths.txt" >/dev/null
    done
}

first=""
row() { # label, paths file
    wrk -t2 -c"$CONNECTIONS" -d3s -s bench/http.lua "$BASE" -- "$2" >/dev/null
    local line
    line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 2s --latency -s bench/http.lua "$BASE" -- "$2" \
        | grep '^RESULT')
    local rps p50 p99 errors
    rps=$(sed -E 's/.*requests=([0-9]+) seconds=([0-9.]+).*/\1 \2/' <<<"$line" | awk '{ printf "%.0f", $1 / $2 }')
    p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
    p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")
    errors=$(sed -E 's/.*non2xx=([0-9]+) socket_errors=([0-9]+).*/\1 non-2xx, \2 socket errors/' <<<"$line")
    [ -z "$first" ] && first=$rps
    printf '%-58s %7d req/s  %5.2f  p50 %6.2f ms  p99 %7.2f ms  (%s)\n' "$1" "$rps" \
        "$(awk -v a="$rps" -v b="$first" 'BEGIN { print a / b }')" "$p50" "$p99" "$errors"
}

{
    echo "== reads through HAProxy: instances and where they read =="
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ);" \
        "commit $(git rev-parse --short HEAD 2>/dev/null || echo none); $ARTICLES articles; wrk -t2 -c$CONNECTIONS" \
        "-d${SECONDS_PER_RUN}s; ratio to the first row"
    warm
    row "article by id, 2 instances, reads on the replica" "$out/cluster-paths-article.txt"
    row "region list of 20, 2 instances, reads on the replica" "$out/cluster-paths-list.txt"
    kill "$(cat target/cluster/instance-1.pid)"
    sleep 4 # HAProxy marks it down after two failed checks a second apart
    row "article by id, 1 instance, reads on the replica" "$out/cluster-paths-article.txt"
    row "region list of 20, 1 instance, reads on the replica" "$out/cluster-paths-list.txt"
    kill "$(cat target/cluster/instance-0.pid)"
    sleep 2
    CLUSTER_REPLICA_READS=off bash scripts/cluster.sh up >/dev/null
    sleep 4
    warm
    row "article by id, 2 instances, reads on the primary" "$out/cluster-paths-article.txt"
    row "region list of 20, 2 instances, reads on the primary" "$out/cluster-paths-list.txt"
} | tee "$results"
bash scripts/cluster.sh down >/dev/null
