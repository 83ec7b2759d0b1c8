#!/usr/bin/env bash
# Two packages of the service, interleaved on the dataset of the last HTTP benchmark (cms_bench_http; run
# bench/http.sh first): each started in turn, warmed for 20 s on the first endpoint, then each endpoint driven for
# 15 s with 32 connections, computed (Cache-Control: no-cache), twice; for several rounds; each row as bench/http.sh
# writes it (bench/measure.sh), with the CPU per request of the service and of PostgreSQL. For telling a change from
# this machine's noise. Usage: bash bench/interleaved.sh <quarkus-app dir A> <quarkus-app dir B> [rounds] [endpoints]
# e.g. bash bench/interleaved.sh /tmp/old/target/quarkus-app target/quarkus-app 2 "list-page-50 list". A package
# older than the database's schema starts anyway (QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future').
# BENCH_CONNECTIONS: wrk connections (default 32; the CSV export row of bench/http.sh uses 4).
# BENCH_JAVA_OPTIONS_A and BENCH_JAVA_OPTIONS_B add JVM options to one package's runs: the same package twice with
# other options compares those, e.g. BENCH_JAVA_OPTIONS_B=-XX:+UseParallelGC. BENCH_JAVA_A and BENCH_JAVA_B name the
# java to run each with (default: the one on the PATH), e.g. BENCH_JAVA_B=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java.
# An endpoint without a computed paths file is driven from its own (constant: the bench-only constant endpoint).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
A=$1
B=$2
ROUNDS=${3:-2}
ENDPOINTS=${4:-list-page-50 list}
PORT=${BENCH_PORT:-18081}
URL=$(ensure_local_database cms_bench_http)
out=target/bench
SECONDS_PER_RUN=15
source bench/measure.sh  # measure: requests/s, median and p99 ms, service and PostgreSQL CPU ms per request
echo "round|package|endpoint|requests/s|median ms|p99 ms|service CPU ms/request|PostgreSQL CPU ms/request|4xx-5xx|socket errors|client (wrk) CPU ms/request|service median ms|service p99 ms|JIT % of service CPU|longest request ms"
for round in $(seq "$ROUNDS"); do
    # the order alternates, A B then B A: the side that runs second in a round tends to do worse (bench/in-turns.sh)
    order="A B"
    [ $((round % 2)) = 1 ] || order="B A"
    for which in $order; do
        app=${!which}
        options_of=BENCH_JAVA_OPTIONS_$which
        read -ra options <<<"${!options_of:-}"
        java_of=BENCH_JAVA_$which
        java=${!java_of:-java}
        QUARKUS_DATASOURCE_JDBC_URL=$URL QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password \
            QUARKUS_HTTP_PORT=$PORT CMS_MANAGEMENT_PORT=$((PORT + 1000)) CMS_ADMIN_TOKEN=bench-admin-token-0123456789abcdef \
            CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 \
            QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future' CMS_BENCH_CONSTANT=true \
            "$java" $(service_jvm_options 512m) "${options[@]}" -jar "$app/quarkus-run.jar" >target/bench/interleaved-service.log 2>&1 &
        service=$!
        for _ in $(seq 60); do curl -fs "http://127.0.0.1:$PORT/api/v1" >/dev/null && break; sleep 1; done
        paths() { if [ -f "target/bench/paths-$1-computed.txt" ]; then echo "$1-computed"; else echo "$1"; fi; }
        first=${ENDPOINTS%% *}
        wrk -t2 -c32 -d20s -s bench/http.lua "http://127.0.0.1:$PORT" -- "target/bench/paths-$(paths "$first").txt" >/dev/null
        for endpoint in $ENDPOINTS $ENDPOINTS; do
            echo "round $round|$app ${java#java} ${options[*]}|$(SERVICE=$service SERVICE_LOG=target/bench/interleaved-service.log BASE=http://127.0.0.1:$PORT measure "$endpoint" "$(paths "$endpoint")" "${BENCH_CONNECTIONS:-32}")"
        done
        kill $service
        wait $service 2>/dev/null || true
    done
done
