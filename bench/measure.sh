# Sourced by the benchmarks: bench_prepare, await_service, then wrk rows with requests/s, median and p99 latency, and the CPU time per request of the
# service ($SERVICE, its pid), of PostgreSQL and of the client (wrk itself, on the same cores: a row whose client works
# harder leaves the service less CPU), and the service's own median and p99 from its request log ($SERVICE_LOG, which
# await_service sets): from the request's arrival at the router to its last byte handed to the socket; last, the share of
# the service's CPU its JIT compilers took (a row measured while they still compile its paths is not measured warm), and
# the longest request wrk saw (issue #17: none over 1 s), and the GC's pauses in the row from $SERVICE_GC_LOG: how many,
# their sum and the longest (each stops every request in flight). What wrk's p99
# has beyond the service's is spent outside the request: in the kernel's queues, waiting for an event loop, and in the
# client, which shares the cores. Needs $BASE, $out and $SECONDS_PER_RUN; MEASURE_TIMEOUT (wrk's, 2s by default) for
# slow requests such as uploads.
cpu_of() { # clock ticks used so far by the given processes
    local total=0
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo $total
}
TICKS=$(getconf CLK_TCK)
jit_ticks() { # clock ticks used so far by the JIT compiler threads of the given JVM
    local total=0 task stat rest
    for task in /proc/"$1"/task/*; do
        case $(<"$task/comm") in C1\ Compiler* | C2\ Compiler*) ;; *) continue ;; esac
        stat=$(<"$task/stat") || continue
        rest=${stat##*) }
        read -ra f <<<"$rest"
        total=$((total + f[11] + f[12]))
    done 2>/dev/null
    echo $total
}
thread_kind_ticks() { # clock ticks used so far by the threads of JVM $1, by kind: "event-loops workers jit gc other"
    local task stat rest loops=0 workers=0 jit=0 gc=0 other=0 ticks
    for task in /proc/"$1"/task/*; do
        stat=$(<"$task/stat") || continue
        rest=${stat##*) }
        read -ra f <<<"$rest"
        ticks=$((f[11] + f[12]))
        case $(<"$task/comm") in  # names as the kernel keeps them, cut to 15 characters
            vert.x-eventloo*) loops=$((loops + ticks)) ;;
            executor-thread*) workers=$((workers + ticks)) ;;
            C1\ Compiler* | C2\ Compiler*) jit=$((jit + ticks)) ;;
            GC\ Thread* | G1\ *) gc=$((gc + ticks)) ;;
            *) other=$((other + ticks)) ;;
        esac
    done 2>/dev/null
    echo "$loops $workers $jit $gc $other"
}
pg_cpu() { # clock ticks used so far by PostgreSQL: its processes, and the backends that exited (counted to the postmaster)
    local postmaster
    postmaster=$(pgrep -o -u postgres -x postgres)
    echo $(( $(cpu_of $(pgrep -u postgres -x postgres)) + $(awk '{print $16 + $17}' "/proc/$postmaster/stat") ))
}
measure() { # label, paths file, connections: GET requests drawn from target/bench/paths-<file>.txt (bench/http.lua)
    measure_script "$1" "$3" bench/http.lua "$out/paths-$2.txt"
}
log_bytes() { # the size of the service's log so far, 0 when there is none
    if [ -n "${SERVICE_LOG:-}" ] && [ -f "$SERVICE_LOG" ]; then stat -c %s "$SERVICE_LOG"; else echo 0; fi
}
service_latency() { # log offset before a row: "median|p99" of the durations the request log wrote since, or "-|-"
    local from=$1 to
    to=$(log_bytes)
    if [ "$to" -le "$from" ]; then
        echo "-|-"
        return
    fi
    # a request log line: ... RequestLog] (thread) <id> GET /route 200 1.2 ms /path id=<id>
    tail -c +"$((from + 1))" "$SERVICE_LOG" | head -c "$((to - from))" \
        | awk '/RequestLog\]/ { for (i = 1; i < NF; i++) if ($(i + 1) == "ms") { print $i; break } }' | sort -n \
        | awk '{ v[NR] = $1 }
            END { k = int(NR * 0.99); if (k < 1) k = 1; if (NR == 0) print "-|-"; else printf "%.2f|%.2f\n", v[int((NR + 1) / 2)], v[k] }'
}
gc_log_bytes() { # the size of the service's GC log so far ($SERVICE_GC_LOG, -Xlog:gc:file=...), 0 when there is none
    if [ -n "${SERVICE_GC_LOG:-}" ] && [ -f "$SERVICE_GC_LOG" ]; then stat -c %s "$SERVICE_GC_LOG"; else echo 0; fi
}
gc_pauses() { # GC log offset before a row: "pauses|their sum ms|the longest ms" since, every one of them stopping
    # every request in flight (a young pause, a remark, a cleanup), or "-|-|-" without a GC log
    local from=$1 to
    [ -n "${SERVICE_GC_LOG:-}" ] || { echo "-|-|-"; return; }
    to=$(gc_log_bytes)
    # a line of -Xlog:gc: [12.345s][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 300M->50M(512M) 5.123ms
    tail -c +"$((from + 1))" "$SERVICE_GC_LOG" | head -c "$((to - from))" \
        | awk '/ Pause / && $NF ~ /ms$/ { ms = $NF + 0; n++; sum += ms; if (ms > max) max = ms }
            END { printf "%d|%.0f|%.1f\n", n, sum, max }'
}
children_ms() { # sets CHILDREN_MS: CPU milliseconds (user + system) of this shell's children that have ended
    # `times` with a redirection runs in this shell; called as $(children_ms) it would count a subshell's children
    times >"$out/.times"
    CHILDREN_MS=$(awk 'NR == 2 { split($0, t, /[ms ]+/); print int((t[1] * 60 + t[2] + t[3] * 60 + t[4]) * 1000) }' "$out/.times")
}
measure_script() { # label, connections, wrk script, its arguments: one row, the JIT's share of the service's CPU last
    local label=$1 connections=$2 script=$3 java_before pg_before client_before line log_before jit_before gc_before
    shift 3
    log_before=$(log_bytes)
    gc_before=$(gc_log_bytes)
    java_before=$(cpu_of $SERVICE)
    jit_before=$(jit_ticks $SERVICE)
    pg_before=$(pg_cpu)
    children_ms
    client_before=$CHILDREN_MS
    line=$(wrk -t2 -c"$connections" -d"${SECONDS_PER_RUN}s" --timeout "${MEASURE_TIMEOUT:-2s}" --latency -s "$script" "$BASE" -- "$@" \
        | grep '^RESULT')
    local java_ticks=$(( $(cpu_of $SERVICE) - java_before )) pg_ticks=$(( $(pg_cpu) - pg_before ))
    local jit=$(( $(jit_ticks $SERVICE) - jit_before ))
    children_ms
    local client=$(( CHILDREN_MS - client_before ))
    awk -v label="$label" -v line="$line" -v jt="$java_ticks" -v pt="$pg_ticks" -v hz="$TICKS" -v client="$client" -v jit="$jit" \
        -v served="$(service_latency "$log_before")" -v gc="$(gc_pauses "$gc_before")" 'BEGIN {
        n = split(line, kv, /[ =]/); for (i = 2; i < n; i += 2) r[kv[i]] = kv[i + 1]
        rps = r["requests"] / r["seconds"]
        printf "%s|%.0f|%.2f|%.2f|%.3f|%.3f|%d|%d|%.3f|%s|%.0f|%.0f|%s\n", label, rps, r["p50_ms"], r["p99_ms"],
            jt / hz * 1000 / r["requests"], pt / hz * 1000 / r["requests"], r["non2xx"], r["socket_errors"],
            client / r["requests"], served, (jt > 0 ? 100 * jit / jt : 0), r["max_ms"], gc }'
}


await_service() { # the service's log, kept as SERVICE_LOG: stops $SERVICE at the script's end; returns once it answers
    SERVICE_LOG=$1
    trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
    for _ in $(seq 120); do
        curl -fs "http://127.0.0.1:$PORT/api/v1" >/dev/null && return
        kill -0 "$SERVICE" 2>/dev/null || { cat "$1" >&2; exit 1; }
        sleep 1
    done
    echo "the service did not answer within 120 s; its log: $1" >&2
    exit 1
}

bench_prepare() { # the app's copy under $out, then the ports it will listen on: tools, a fresh build, free ports
    local app=$1
    shift
    command -v wrk >/dev/null || { echo "installing wrk from Debian's packages" >&2; apt-get install -y wrk >/dev/null; }
    command -v curl >/dev/null || apt-get install -y curl >/dev/null
    ./mvnw -B -q package -DskipTests  # the jar of this checkout, never a stale one
    rm -rf "$out/$app" && cp -r target/quarkus-app "$out/$app"  # a copy, so that a build during the run cannot touch it
    # Refuse to measure a service this script did not start: it would be measuring something else.
    for port in "$@"; do
        if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
            echo "port $port already answers: stop what listens there, or set BENCH_PORT / BENCH_MANAGEMENT_PORT" >&2
            exit 1
        fi
    done
}
