#!/usr/bin/env bash
# Where to count rate limits shared by several instances (issue #23): the cost of counting one limited request in
# PostgreSQL (the upsert on the unlogged rate_budget table that cms.limits.shared runs) against Redis (INCR, and EXPIRE
# on a key's first count, in one Lua call — what a Redis limiter would run), both from Debian's packages on this
# machine, with 1 and 8 clients over 1,000 callers. Installs redis-server when it is missing; starts its own Redis on
# 127.0.0.1:6390 without persistence and stops it after. Results: target/bench/shared-limits-results.txt.
# Usage: bash bench/shared-limits.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
SECONDS_PER_RUN=${1:-10}
REDIS_PORT=${BENCH_REDIS_PORT:-6390}
out=target/bench
mkdir -p "$out"
results=$out/shared-limits-results.txt

if ! command -v redis-server >/dev/null 2>&1; then
    echo "installing redis-server from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >&2
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then
    echo "port $REDIS_PORT is answered by something this script did not start" >&2
    exit 1
fi

URL=$(ensure_local_database cms_bench_limits fresh)
DB_PORT=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$URL")
export PGPASSWORD=$cms_password
PSQL=(psql -q -X -h 127.0.0.1 -p "$DB_PORT" -U "$cms_role" -d cms_bench_limits -v ON_ERROR_STOP=1)
"${PSQL[@]}" -f src/main/resources/db/migration/V30__rate_budget.sql
cat >"$out/shared-limits-upsert.sql" <<'SQL'
\set caller random(1, 1000)
insert into rate_budget as b (caller, minute, used) values ('writes|token:' || :caller, 29000000, 1)
on conflict (caller, minute) do update set used = b.used + 1 returning used;
SQL

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$PWD/$out/redis-bench.pid" --logfile "$PWD/$out/redis-bench.log"
trap 'kill "$(cat "$PWD/$out/redis-bench.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
SCRIPT="local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], 120) end return n"

{
    echo "== shared rate-limit counting: PostgreSQL upsert vs Redis INCR+EXPIRE =="
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ);" \
        "commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
    echo "PostgreSQL $(psql --version | awk '{print $3}'), Redis $(redis-server --version | awk '{print $3}' | tr -d 'v=')"
    for clients in 1 8; do
        pg=$(pgbench -n -h 127.0.0.1 -p "$DB_PORT" -U "$cms_role" -c "$clients" -j "$((clients < 2 ? 1 : 2))" \
            -T "$SECONDS_PER_RUN" -f "$out/shared-limits-upsert.sql" cms_bench_limits 2>/dev/null)
        pg_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$pg")
        pg_latency=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$pg")
        requests=$(awk -v tps="$pg_tps" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%d", tps * s }')
        redis=$(redis-benchmark -p "$REDIS_PORT" -c "$clients" -n "$requests" -r 1000 -q --csv \
            eval "$SCRIPT" 1 "writes|token:__rand_int__" 2>/dev/null | tail -n 1)
        # the test's name holds commas: split on the quoted separators
        redis_rps=$(awk -F'","' '{ print $2 }' <<<"$redis")
        redis_latency=$(awk -F'","' '{ print $3 }' <<<"$redis")
        printf '%d client(s): PostgreSQL %8.0f counts/s, %.3f ms each | Redis %8.0f counts/s, %.3f ms each | PostgreSQL/Redis time per count %.1f\n' \
            "$clients" "$pg_tps" "$pg_latency" "$redis_rps" "$redis_latency" \
            "$(awk -v a="$pg_latency" -v b="$redis_latency" 'BEGIN { print a / b }')"
    done
} | tee "$results"
