#!/usr/bin/env bash
# Where a computed read spends its time: the packaged service (the copy bench/http.sh made, on its database) under
# wrk with a Java Flight Recorder recording and a GC log, then a summary: throughput and latency, GC pauses, the
# hottest frames, contended monitors and the longest thread parks. Run bench/http.sh first (it writes the paths).
# Usage: bash bench/profile.sh [paths kind, default article-computed; mix: the realistic mix without its writer]
# [seconds, default 20] [extra JVM options or environment, e.g. "QUARKUS_LOG_CONSOLE_ASYNC=true"].
# Results: target/bench/profile-<kind>.txt, with the service's CPU during the run by kind of thread.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
source bench/measure.sh # await_service
KIND=${1:-article-computed}
SECONDS_PER_RUN=${2:-20}
EXTRA=${3:-}
PORT=${BENCH_PORT:-18080}
out=target/bench
if [ "$KIND" = mix ]; then
    # the realistic mix (bench/mix.lua) without its writer; the mirrors start from the feed's head, as in bench/http.sh
    # (from a snapshot cursor, 16 mirrors read the same pages of 20 whole articles, which that mix does not)
    [ -f "$out/paths-mix-articles.txt" ] && [ -f "$out/mix-feed-cursor.txt" ] || { echo "run bench/http.sh first" >&2; exit 1; }
    cursor=$(cat "$out/mix-feed-cursor.txt")
    mirror_token=$(sed -n 1p "$out/paths-sync.txt" | sed 's/.*Bearer //') # the mirrors' sync token bench/http.sh made
    DRIVE=(bench/mix.lua -- "$out/paths-mix-articles.txt" "$out/paths-mix-lists.txt" "$cursor" "$mirror_token")
else
    [ -f "$out/paths-$KIND.txt" ] || { echo "run bench/http.sh first: no $out/paths-$KIND.txt" >&2; exit 1; }
    DRIVE=(bench/http.lua -- "$out/paths-$KIND.txt")
fi
[ -d "$out/app" ] || { echo "run bench/http.sh first: no $out/app" >&2; exit 1; }
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
    echo "port $PORT already answers: stop what listens there, or set BENCH_PORT" >&2
    exit 1
fi
URL=$(ensure_local_database cms_bench_http)
rm -f "$out/profile.jfr" "$out/profile-gc.log"
env $EXTRA QUARKUS_DATASOURCE_JDBC_URL="$URL" QUARKUS_HTTP_PORT="$PORT" CMS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-19080} \
    CMS_ADMIN_TOKEN=bench-admin-token-0123456789abcdef CMS_LIMITS_WRITES_PER_MINUTE=0 CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 \
    CMS_BENCH_CONSTANT=true \
    java $(service_jvm_options 512m) "-Xlog:gc:file=$out/profile-gc.log" \
    "-XX:StartFlightRecording=settings=profile,filename=$out/profile.jfr,dumponexit=true" \
    -jar "$out/app/quarkus-run.jar" >"$out/profile-service.log" 2>&1 &
SERVICE=$!
await_service "$out/profile-service.log"
# each thread's CPU ticks (user + system) by thread id and name; the name follows the ")" that ends it in stat
thread_ticks() {
    for task in /proc/"$SERVICE"/task/*; do
        local stat rest
        stat=$(<"$task/stat") 2>/dev/null || continue
        rest=${stat##*) }
        read -ra f <<<"$rest"
        echo "${task##*/} $(( f[11] + f[12] )) $(<"$task/comm")"
    done
}
wrk -t2 -c8 -d5s -s "${DRIVE[0]}" "http://127.0.0.1:$PORT" "${DRIVE[@]:1}" >/dev/null  # warm-up
thread_ticks >"$out/profile-threads-before.txt"
line=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency -s "${DRIVE[0]}" "http://127.0.0.1:$PORT" "${DRIVE[@]:1}" | grep '^RESULT')
thread_ticks >"$out/profile-threads-after.txt"
kill $SERVICE
wait $SERVICE 2>/dev/null || true
trap - EXIT
JFR=$(dirname "$(readlink -f "$(command -v java)")")/jfr
{
    echo "profile of $KIND, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD), ${EXTRA:-no extra settings}"
    echo "$line"
    # where the service's CPU went during the measured run, by kind of thread (numbers in names folded)
    echo "service CPU during the run, by thread kind (seconds):"
    awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $2; next }
        { name = $3; for (i = 4; i <= NF; i++) name = name " " $i; gsub(/[0-9]+/, "#", name)
          ticks[name] += $2 - before[$1] }
        END { for (n in ticks) if (ticks[n] > 0) printf "  %7.2f %s\n", ticks[n] / hz, n }' \
        "$out/profile-threads-before.txt" "$out/profile-threads-after.txt" | sort -rn | head -12
    echo "GC pauses (whole run, warm-up included): $(grep -c 'Pause' "$out/profile-gc.log") pauses," \
        "$(grep -o 'Pause.*[0-9.]*ms' "$out/profile-gc.log" | grep -o '[0-9.]*ms$' | tr -d 'ms' | awk '{ s += $1; if ($1 > m) m = $1 } END { printf "%.0f ms in all, longest %.1f ms", s, m }')"
    # whole stacks: jfr prints five frames by default, and a share "on the stack" counted over five frames misses
    # every caller below them (the request log's line, written when the answer ends, looked like Vert.x)
    "$JFR" print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.ThreadPark "$out/profile.jfr" >"$out/profile.json"
    python3 - "$out/profile.json" <<'PY'
import collections, json, re, sys
events = json.load(open(sys.argv[1]))["recording"]["events"]
def frames(event):
    trace = event["values"].get("stackTrace") or {"frames": []}
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in trace["frames"]]
def millis(event):
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", event["values"].get("duration", "PT0S"))
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000 if m else 0
# the threads that serve requests (the recording also holds the start, the JIT and the GC's own threads)
samples = [e for e in events if e["type"] == "jdk.ExecutionSample"
           and (e["values"].get("sampledThread") or {}).get("javaName", "").startswith(("executor-thread", "vert.x-eventloop"))]
groups = [("Hibernate ORM", "org.hibernate"), ("RESTEasy", "org.jboss.resteasy"), ("our code", "cn.fucai.cms"),
          ("Vert.x", "io.vertx"), ("Netty", "io.netty"), ("Narayana (JTA)", "com.arjuna"), ("PostgreSQL driver", "org.postgresql"),
          ("Agroal pool", "io.agroal"), ("Jackson", "com.fasterxml.jackson"), ("logging", "org.jboss.logmanager"),
          ("Jdbi", "org.jdbi"), ("gzip", "java.util.zip"), ("Micrometer", "io.micrometer")]
counts = collections.Counter()
for sample in samples:
    stack = " ".join(frames(sample))
    for name, prefix in groups:
        if prefix in stack:
            counts[name] += 1
print(f"execution samples of request threads: {len(samples)}; share with each on the stack:")
for name, n in counts.most_common():
    print(f"  {name:18s} {100 * n / max(len(samples), 1):3.0f} %")
ours = collections.Counter()
for sample in samples:
    first = next((f for f in frames(sample) if f.startswith("cn.fucai.cms")), None)
    if first:
        ours[first] += 1
print("our frames nearest the top:")
for frame, n in ours.most_common(8):
    print(f"  {n:4d} {frame}")
inclusive = collections.Counter()
for sample in samples:
    for frame in set(frames(sample)):
        if frame.startswith("cn.fucai.cms") and "$" not in frame.split(".")[-2]:
            inclusive[frame] += 1
print("our methods, share of the samples with each on the stack (what it and its callees cost):")
for frame, n in inclusive.most_common(15):
    print(f"  {100 * n / max(len(samples), 1):5.1f} % {frame}")
parks = collections.Counter()
for event in events:
    thread = (event["values"].get("eventThread") or {}).get("javaName") or ""
    if event["type"] == "jdk.ThreadPark" and thread.startswith("executor-thread"):
        site = [f for f in frames(event) if not f.startswith(("jdk.internal.misc", "java.util.concurrent.locks"))]
        parks[" < ".join(site[:2]) or "?"] += millis(event)
print("request threads parked (ms in all, by where):")
for site, ms in parks.most_common(5):
    print(f"  {ms:9.0f} {site}")
PY
} | tee "$out/profile-$KIND.txt"
