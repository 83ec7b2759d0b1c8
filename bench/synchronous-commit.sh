#!/usr/bin/env bash
# What a commit costs with each synchronous_commit setting on the cluster's primary with its streaming replica as a
# synchronous standby (issue #23), and which setting loses acknowledged commits when the primary crashes.
#   1. Commit latency: pgbench, one insert per transaction, 1 and 8 clients, for off, local (asynchronous
#      replication), remote_write, on (flushed on the standby) and remote_apply (replayed there), set per session.
#   2. Crash: 4 writers commit numbered rows and record each acknowledged one; the primary's WAL sender is stopped
#      (SIGSTOP: the standby cut off), 2 s later the primary's postmaster and the sender are killed (SIGKILL), the
#      replica promoted, and every acknowledged row looked for on it. Once with local, once with on.
# Uses bash scripts/cluster.sh databases / down (ports 5441 and 5442); nothing else may be using them.
# Results: target/bench/synchronous-commit-results.txt. Usage: bash bench/synchronous-commit.sh [seconds per run]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
SECONDS_PER_RUN=${1:-10}
PG_VERSION=${CLUSTER_PG_VERSION:-$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)}
out=target/bench
mkdir -p "$out"
results=$out/synchronous-commit-results.txt
export PGPASSWORD=$cms_password
primary=(psql -X -q -h 127.0.0.1 -p 5441 -U "$cms_role" -d cms -v ON_ERROR_STOP=1)

fresh_cluster() {
    bash scripts/cluster.sh down >/dev/null 2>&1 || true
    bash scripts/cluster.sh databases >/dev/null
    as_postgres psql -X -q -p 5441 -d postgres -c "alter system set synchronous_standby_names = 'cms_replica'" \
        -c "select pg_reload_conf()" >/dev/null
    "${primary[@]}" -c "create table commit_probe (n bigint primary key, at timestamptz not null default now())"
}

# crash MODE: writers commit rows under MODE until the primary is killed; prints acknowledged and lost
crash() {
    local mode=$1 dir=$out/crash-$1
    rm -rf "$dir" && mkdir -p "$dir"
    for w in 1 2 3 4; do
        (
            n=$((w * 1000000))
            while true; do
                n=$((n + 1))
                PGOPTIONS="-c synchronous_commit=$mode" psql -X -q -h 127.0.0.1 -p 5441 -U "$cms_role" -d cms \
                    -c "insert into commit_probe (n) values ($n)" >/dev/null 2>&1 || break
                echo "$n" >>"$dir/acknowledged-$w"
            done
        ) &
    done
    sleep 2
    # the primary stops sending WAL, as over a slow or broken link (on one machine the standby is never behind enough
    # otherwise): what it commits from now on is on the primary alone; then it crashes, its WAL sender with it
    local sender
    sender=$(pgrep -f "cms-primary: walsender")
    kill -STOP "$sender"
    sleep 2
    kill -9 "$(as_postgres head -n 1 "/var/lib/postgresql/$PG_VERSION/cms-primary/postmaster.pid")" "$sender"
    wait
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" cms-replica promote >/dev/null
    for _ in $(seq 1 50); do
        [ "$(as_postgres psql -X -p 5442 -d postgres -Atqc 'select pg_is_in_recovery()')" = f ] && break
        sleep 0.2
    done
    cat "$dir"/acknowledged-* | sort -n >"$dir/acknowledged"
    PGOPTIONS= psql -X -q -h 127.0.0.1 -p 5442 -U "$cms_role" -d cms -Atc "select n from commit_probe order by n" \
        | sort -n >"$dir/stored"
    local acknowledged lost
    acknowledged=$(wc -l <"$dir/acknowledged")
    lost=$(comm -23 "$dir/acknowledged" "$dir/stored" | wc -l)
    printf 'crash of the primary (kill -9) with synchronous_commit = %-12s %5d commits acknowledged, %d lost after promoting the replica\n' \
        "$mode:" "$acknowledged" "$lost"
}

fresh_cluster
{
    echo "== commit latency by synchronous_commit, replica as synchronous standby (cms_replica) =="
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%FT%TZ);" \
        "commit $(git rev-parse --short HEAD 2>/dev/null || echo none); PostgreSQL $(psql --version | awk '{print $3}')"
    "${primary[@]}" -c "create sequence probe_seq start 900000000"
    printf 'insert into commit_probe (n) values (nextval(%s));\n' "'probe_seq'" >"$out/synchronous-commit.sql"
    for clients in 1 8; do
        local_latency=""
        for mode in off local remote_write on remote_apply; do
            latency=$(PGOPTIONS="-c synchronous_commit=$mode" pgbench -n -h 127.0.0.1 -p 5441 -U "$cms_role" \
                -c "$clients" -j "$((clients < 2 ? 1 : 2))" -T "$SECONDS_PER_RUN" -f "$out/synchronous-commit.sql" cms \
                2>/dev/null | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p')
            [ "$mode" = local ] && local_latency=$latency
            printf '%d client(s), synchronous_commit = %-13s %7.3f ms per commit%s\n' "$clients" "$mode:" "$latency" \
                "$([ -n "$local_latency" ] && awk -v a="$latency" -v b="$local_latency" 'BEGIN { printf " (%.2f of local)", a / b }')"
        done
    done
    crash local
    fresh_cluster
    crash on
} | tee "$results"
bash scripts/cluster.sh down >/dev/null 2>&1 || true
