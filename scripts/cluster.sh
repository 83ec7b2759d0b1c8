#!/usr/bin/env bash
# Several instances on real parts, on this machine (issue #23): a PostgreSQL primary and a streaming replica (two Debian
# clusters), two service instances, and HAProxy in front with health checks on the readiness endpoint.
#
#   bash scripts/cluster.sh up       start everything (installs HAProxy from Debian if missing; builds the jar if needed)
#   bash scripts/cluster.sh status   what runs, replication state and lag
#   bash scripts/cluster.sh test     up, then the fault test (scripts/cluster/FaultTest.java); results in target/cluster
#   bash scripts/cluster.sh down     stop everything and drop the two clusters
#   bash scripts/cluster.sh databases  the primary and the replica alone
#
# Traffic stays on 127.0.0.1. The instances reach PostgreSQL through a multi-host JDBC URL with targetServerType=primary,
# so after a failover they find the new primary by themselves. Docs: docs/scale-out.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh

STATE=target/cluster
PG_VERSION=${CLUSTER_PG_VERSION:-$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)}
PRIMARY_PORT=${CLUSTER_PRIMARY_PORT:-5441}
REPLICA_PORT=${CLUSTER_REPLICA_PORT:-5442}
INSTANCE_PORTS=(8081 8082)
MANAGEMENT_PORTS=(9101 9102)
PROXY_PORT=${CLUSTER_PROXY_PORT:-8090}
DATABASE=cms
REPLICATION_PASSWORD=replicator
# synchronous_commit on the primary, and whether the replica is a synchronous standby (docs/scale-out.md measures both)
SYNCHRONOUS=${CLUSTER_SYNCHRONOUS:-off}
# CLUSTER_CPUSETS="0 1": the CPUs each instance may run on (taskset lists, one word an instance), as a cpuset or
# systemd's CPUAffinity= would give them; a JVM started inside one sizes itself for it (GC, event loops, worker pool).
# Unset, both share every core.
read -ra CPUSETS <<<"${CLUSTER_CPUSETS:-}"
export CLUSTER_ADMIN_TOKEN=${CLUSTER_ADMIN_TOKEN:-cluster-admin-token-0123456789-abcdefghij}

jdbc_url() {
    echo "jdbc:postgresql://127.0.0.1:$PRIMARY_PORT,127.0.0.1:$REPLICA_PORT/$DATABASE?targetServerType=primary&connectTimeout=2&socketTimeout=30"
}

# Anonymous reads and the partner feed go to the replica (CLUSTER_REPLICA_READS=off keeps them on the primary): a
# standby when there is one, else whichever server answers, such as the replica promoted by a failover.
replica_url() {
    echo "jdbc:postgresql://127.0.0.1:$REPLICA_PORT,127.0.0.1:$PRIMARY_PORT/$DATABASE?targetServerType=preferSecondary&connectTimeout=2&socketTimeout=30"
}

# port_free PORT: fails when something answers on 127.0.0.1:PORT that this script did not start
port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_cluster_exists() {
    pg_lsclusters --no-header | awk '{print $2}' | grep -qx "$1"
}

pg_conf_dir() {
    echo "/etc/postgresql/$PG_VERSION/$1/conf.d"
}

install_parts() {
    if ! command -v pg_createcluster >/dev/null 2>&1; then
        echo "installing PostgreSQL from Debian's packages" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    fi
    if ! command -v haproxy >/dev/null 2>&1; then
        echo "installing HAProxy from Debian's packages" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >&2
    fi
    if ! command -v socat >/dev/null 2>&1; then
        echo "installing socat from Debian's packages (HAProxy's runtime API)" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat >&2
    fi
}

# rotation drain|ready N: takes instance N out of HAProxy's rotation (it finishes the requests it has and gets no new
# ones) or puts it back, through HAProxy's runtime API; for a rolling upgrade (docs/scale-out.md)
rotation() {
    local state=$1 n=$2
    case $state in drain | ready) ;; *) echo "usage: bash scripts/cluster.sh drain|ready 0|1" >&2; exit 2 ;; esac
    [ "$state" = drain ] && state=maint
    echo "set server instances/i$n state $state" | socat stdio "unix-connect:$STATE/haproxy.sock"
}

start_primary() {
    if ! pg_cluster_exists cms-primary; then
        port_free "$PRIMARY_PORT" || { echo "port $PRIMARY_PORT is taken by something else" >&2; exit 1; }
        pg_createcluster "$PG_VERSION" cms-primary -p "$PRIMARY_PORT" >/dev/null
        cat >"$(pg_conf_dir cms-primary)/cluster.conf" <<CONF
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 8
max_replication_slots = 8
wal_keep_size = '256MB'
hot_standby = on
hot_standby_feedback = on
max_connections = 100
CONF
        write_sync_conf cms-primary
    fi
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" cms-primary start >/dev/null 2>&1 || true
    wait_for_postgres "$PRIMARY_PORT"
    as_postgres psql -p "$PRIMARY_PORT" -d postgres -v ON_ERROR_STOP=1 -q <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$cms_role') then
    create role $cms_role login password '$cms_password';
  end if;
  -- the fault test reads the replica's lag from pg_stat_replication
  grant pg_monitor to $cms_role;
  if not exists (select from pg_roles where rolname = 'replicator') then
    create role replicator login replication password '$REPLICATION_PASSWORD';
  end if;
end \$\$;
SQL
    if [ -z "$(as_postgres psql -p "$PRIMARY_PORT" -d postgres -Atqc "select 1 from pg_database where datname = '$DATABASE'")" ]; then
        as_postgres psql -p "$PRIMARY_PORT" -d postgres -q \
            -c "create database $DATABASE owner $cms_role encoding 'UTF8' template template0 locale 'C.UTF-8'"
    fi
}

# The primary's commit mode: asynchronous until the replica streams; then, when CLUSTER_SYNCHRONOUS asks, a commit
# waits for the replica too (synchronous_commit = on: flushed there; remote_apply: replayed there).
write_sync_conf() {
    local standby="" mode=on
    if [ "${2:-}" = streaming ] && [ "$SYNCHRONOUS" != off ]; then
        standby=cms_replica
        mode=$SYNCHRONOUS
    fi
    cat >"$(pg_conf_dir "$1")/synchronous.conf" <<CONF
synchronous_commit = '$mode'
synchronous_standby_names = '$standby'
CONF
}

start_replica() {
    local data=/var/lib/postgresql/$PG_VERSION/cms-replica
    if ! pg_cluster_exists cms-replica || [ ! -f "$data/PG_VERSION" ]; then
        if ! pg_cluster_exists cms-replica; then
            port_free "$REPLICA_PORT" || { echo "port $REPLICA_PORT is taken by something else" >&2; exit 1; }
            pg_createcluster "$PG_VERSION" cms-replica -p "$REPLICA_PORT" >/dev/null
        fi
        cp "$(pg_conf_dir cms-primary)/cluster.conf" "$(pg_conf_dir cms-replica)/cluster.conf"
        as_postgres find "$data" -mindepth 1 -delete
        as_postgres psql -p "$PRIMARY_PORT" -d postgres -q \
            -c "select pg_drop_replication_slot('cms_replica') from pg_replication_slots where slot_name = 'cms_replica'"
        # -R writes primary_conninfo and standby.signal; -C -S makes the slot that keeps the WAL the replica still needs
        as_postgres env PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" \
            -U replicator -D "$data" -R -X stream -C -S cms_replica -c fast
        as_postgres bash -c "sed -i \"s/^primary_conninfo = '/primary_conninfo = 'application_name=cms_replica /\" '$data/postgresql.auto.conf'"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" cms-replica start >/dev/null 2>&1 || true
    wait_for_postgres "$REPLICA_PORT"
    for _ in $(seq 1 60); do
        [ -n "$(as_postgres psql -p "$PRIMARY_PORT" -d postgres -Atqc \
            "select 1 from pg_stat_replication where application_name = 'cms_replica' and state = 'streaming'")" ] && break
        sleep 0.5
    done
    write_sync_conf cms-primary streaming
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" cms-primary reload
}

wait_for_postgres() {
    for _ in $(seq 1 60); do
        as_postgres psql -p "$1" -d postgres -Atqc 'select 1' >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "PostgreSQL on port $1 did not come up" >&2
    exit 1
}

# start_instance N: the packaged service as instance N (0 or 1), logging to target/cluster/instance-N.log
start_instance() {
    local n=$1 port=${INSTANCE_PORTS[$1]} management=${MANAGEMENT_PORTS[$1]}
    if [ -f "$STATE/instance-$n.pid" ] && kill -0 "$(cat "$STATE/instance-$n.pid")" 2>/dev/null; then
        return 0
    fi
    port_free "$port" || { echo "port $port is taken by something else" >&2; exit 1; }
    (
        export QUARKUS_HTTP_PORT=$port CMS_MANAGEMENT_PORT=$management CMS_MANAGEMENT_HOST=127.0.0.1
        export QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password
        QUARKUS_DATASOURCE_JDBC_URL=$(jdbc_url)
        if [ "${CLUSTER_REPLICA_READS:-on}" = on ]; then
            export CMS_REPLICA_JDBC_URL
            CMS_REPLICA_JDBC_URL=$(replica_url)
        fi
        export CMS_ADMIN_TOKEN=$CLUSTER_ADMIN_TOKEN CMS_PUBLIC_URL=http://127.0.0.1:$PROXY_PORT
        export CMS_WEBHOOKS_ALLOWED_TARGETS=127.0.0.1 CMS_WEBHOOKS_RETRY_BASE_MILLIS=500
        export CMS_MEDIA_DIR=$PWD/$STATE/media CMS_REQUEST_LOG=false
        # budgets counted in PostgreSQL, across both instances, not per instance
        export CMS_LIMITS_SHARED=true
        export QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true
        export QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1
        # CLUSTER_JAVA_OPTIONS: more JVM options for both instances (bench/cluster.sh compares some)
        read -ra options <<<"${CLUSTER_JAVA_OPTIONS:-}"
        local confine=()
        [ -n "${CPUSETS[$n]:-}" ] && confine=(taskset -c "${CPUSETS[$n]}")
        exec "${confine[@]}" java $(service_jvm_options 384m) "${options[@]}" -jar target/quarkus-app/quarkus-run.jar \
            >>"$STATE/instance-$n.log" 2>&1
    ) &
    echo $! >"$STATE/instance-$n.pid"
    disown
    wait_for_ready "$management" || { tail -n 40 "$STATE/instance-$n.log" >&2; exit 1; }
}

wait_for_ready() {
    # a JVM starting beside a loaded cluster on two cores takes a minute or more
    for _ in $(seq 1 600); do
        curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "the instance with management port $1 did not become ready" >&2
    return 1
}

start_proxy() {
    if [ -f "$STATE/haproxy.pid" ] && kill -0 "$(cat "$STATE/haproxy.pid")" 2>/dev/null; then
        return 0
    fi
    port_free "$PROXY_PORT" || { echo "port $PROXY_PORT is taken by something else" >&2; exit 1; }
    # HAProxy's own 503, when no instance is ready: a problem+json with Retry-After, like the service's
    printf '%s\r\n' 'HTTP/1.1 503 Service Unavailable' 'Content-Type: application/problem+json' 'Retry-After: 2' \
        'Cache-Control: no-store' 'Connection: close' '' \
        '{"type":"/problems/service-unavailable","title":"The service cannot answer now","status":503,"detail":"no instance is ready; retry after Retry-After"}' \
        >"$STATE/503.http"
    cat >"$STATE/haproxy.cfg" <<CFG
global
    maxconn 4096
    pidfile $PWD/$STATE/haproxy.pid
    # the runtime API: bash scripts/cluster.sh drain|ready N (an instance out of and back into rotation)
    stats socket $PWD/$STATE/haproxy.sock mode 600 level admin

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout queue 5s
    option forwardfor
    # a request that found a dead instance goes to another one (only when nothing was sent back yet)
    retries 2
    option redispatch
    retry-on conn-failure empty-response response-timeout
    errorfile 503 $PWD/$STATE/503.http

frontend api
    bind 127.0.0.1:$PROXY_PORT
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /q/health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
    server i0 127.0.0.1:${INSTANCE_PORTS[0]} check port ${MANAGEMENT_PORTS[0]}
    server i1 127.0.0.1:${INSTANCE_PORTS[1]} check port ${MANAGEMENT_PORTS[1]}
CFG
    haproxy -f "$STATE/haproxy.cfg" -D
}

up() {
    mkdir -p "$STATE/media"
    install_parts
    if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
        ./mvnw -B -q package -DskipTests
    fi
    start_primary
    start_replica
    start_instance 0
    start_instance 1
    start_proxy
    echo "cluster up: http://127.0.0.1:$PROXY_PORT (instances ${INSTANCE_PORTS[*]}, primary :$PRIMARY_PORT, replica :$REPLICA_PORT)"
}

status() {
    pg_lsclusters | grep -E "Ver|cms-" || true
    for n in 0 1; do
        local state=down
        curl -fs "http://127.0.0.1:${MANAGEMENT_PORTS[$n]}/q/health/ready" >/dev/null 2>&1 && state=ready
        echo "instance $n (port ${INSTANCE_PORTS[$n]}): $state"
    done
    for port in "$PRIMARY_PORT" "$REPLICA_PORT"; do
        as_postgres psql -p "$port" -d postgres -Atqc \
            "select 'port $port: ' || case when pg_is_in_recovery() then 'replica, replayed ' || pg_last_wal_replay_lsn() else 'primary at ' || pg_current_wal_lsn() end" 2>/dev/null || echo "port $port: down"
    done
}

down() {
    [ -f "$STATE/haproxy.pid" ] && kill "$(cat "$STATE/haproxy.pid")" 2>/dev/null || true
    for n in 0 1; do
        [ -f "$STATE/instance-$n.pid" ] && kill "$(cat "$STATE/instance-$n.pid")" 2>/dev/null || true
    done
    for name in cms-replica cms-primary; do
        pg_cluster_exists "$name" && pg_dropcluster --stop "$PG_VERSION" "$name"
    done
    rm -f "$STATE"/*.pid
    echo "cluster down"
}

# The fault steps the test calls between its phases: bash scripts/cluster.sh fault <step>
fault() {
    case $1 in
        kill-instance)
            kill -9 "$(cat "$STATE/instance-0.pid")"
            ;;
        restart-instance)
            start_instance 0
            ;;
        restart-replica)
            pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" cms-replica restart
            wait_for_postgres "$REPLICA_PORT"
            ;;
        pause-replay)
            # the replica receives WAL but applies none: it falls behind while writes go on
            as_postgres psql -p "$REPLICA_PORT" -d postgres -Atqc "select pg_wal_replay_pause()" >/dev/null
            ;;
        resume-replay)
            as_postgres psql -p "$REPLICA_PORT" -d postgres -Atqc "select pg_wal_replay_resume()" >/dev/null
            ;;
        failover)
            # the manual failover of docs/scale-out.md: stop the primary (fast), promote the replica; the instances'
            # multi-host URL finds the new primary by itself
            pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" cms-primary stop -m fast
            pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" cms-replica promote
            ;;
        *)
            echo "unknown fault $1" >&2
            exit 2
            ;;
    esac
}

# Where each instance's reads went since it started (cms_replica_reads_total)
replica_reads() {
    for n in 0 1; do
        echo "instance $n reads: $(curl -fs -H 'Accept: text/plain' "http://127.0.0.1:${MANAGEMENT_PORTS[$n]}/q/metrics" 2>/dev/null \
            | sed -n 's/^cms_replica_reads_total{reason="\([a-z_]*\)",served_by="\([a-z]*\)",\{0,1\}} \([0-9.E]*\)$/\2 (\1) \3/p' \
            | tr '\n' ',' | sed 's/,$//; s/,/, /g')"
    done
}

run_test() {
    down >/dev/null 2>&1 || true
    ./mvnw -B -q package -DskipTests
    up
    local jars
    jars=$(ls target/quarkus-app/lib/main/*.jar | tr '\n' ':')
    local outcome=0
    java -cp "$jars" scripts/cluster/FaultTest.java \
        "http://127.0.0.1:$PROXY_PORT" "$CLUSTER_ADMIN_TOKEN" "jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DATABASE" \
        "$cms_role" "$cms_password" "jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$DATABASE" \
        | tee "$STATE/results.txt" || outcome=$?
    replica_reads | tee -a "$STATE/results.txt"
    if [ "${CLUSTER_KEEP:-false}" != true ]; then
        down
    fi
    return "$outcome"
}

case ${1:-} in
    up) up ;;
    databases)
        # the primary and the replica only, for measurements on PostgreSQL itself (bench/synchronous-commit.sh)
        install_parts
        start_primary
        start_replica
        ;;
    status) status ;;
    down) down ;;
    test) run_test ;;
    fault) fault "$2" ;;
    drain | ready) rotation "$1" "${2:?which instance: 0 or 1}" ;;
    *)
        echo "usage: bash scripts/cluster.sh up|status|drain N|ready N|test|down" >&2
        exit 2
        ;;
esac
