#!/usr/bin/env bash
# Measures Chinese and English search on a generated corpus of 100,000 articles, inside PostgreSQL (the SQL the
# search endpoint runs), with pgbench at 1 and 16 clients; prints median and 95th-percentile latency and index size.
# The full HTTP benchmark is bench work of its own (issue #7). Usage: bash bench/search.sh [articles] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
ARTICLES=${1:-100000}
SECONDS_PER_RUN=${2:-15}
URL=$(ensure_local_database cms_bench fresh)
PORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$URL")
export PGPASSWORD=$cms_password
PSQL=(psql -q -h 127.0.0.1 -p "$PORT" -U "$cms_role" -d cms_bench -v ON_ERROR_STOP=1)
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)
PGBENCH=${PGBENCH:-pgbench}

for migration in $(ls src/main/resources/db/migration/V*.sql | sort -V); do
    "${PSQL[@]}" -f "$migration" >/dev/null
done
echo "generating $ARTICLES articles…"
start=$(date +%s)
"${PSQL[@]}" -f bench/search-corpus.sql -v articles="$ARTICLES" >/dev/null
echo "corpus and index built in $(( $(date +%s) - start )) s"
"${PSQL[@]}" -Atc "select 'index size: ' || pg_size_pretty(pg_relation_size('article_search_document_idx')) || ', documents: ' || pg_size_pretty(pg_relation_size('article_search'))"

out=target/bench
mkdir -p "$out"
for kind in two four mixed english; do
    for clients in 1 16; do
        rm -f "$out"/pgbench_log.*
        (cd "$out" && "$PGBENCH" -n -h 127.0.0.1 -p "$PORT" -U "$cms_role" -c "$clients" -j 2 -T "$SECONDS_PER_RUN" \
            -f "../../bench/search-$kind.sql" -l cms_bench >/dev/null 2>&1)
        cat "$out"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk -v kind="$kind" -v c="$clients" '
            { v[NR] = $1 } END { printf "%-8s clients=%-3d queries=%-7d median=%.2f ms  p95=%.2f ms\n", kind, c, NR, v[int(NR*0.5)], v[int(NR*0.95)] }'
    done
done | tee "$out/search-results.txt"
