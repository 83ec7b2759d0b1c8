#!/usr/bin/env bash
# A CSV export and summaries of 200,000 figures from the packaged service at -Xmx256m (issue #15, point 12): the export
# streams from a database cursor in a read-only transaction, and a summary is computed a year at a time, so the heap
# the service keeps stays flat whatever their size. Prints, for each, the time and the largest heap left after any
# garbage collection while it ran (from the JVM's GC log). Uses its own database, cms_bench_export, recreated each run.
# Usage: bash bench/export-heap.sh [figures]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/database.sh
source scripts/java.sh
figures=${1:-200000}
url=$(ensure_local_database cms_bench_export fresh)
port=${BENCH_PORT:-18091}
management=${BENCH_MANAGEMENT_PORT:-19091}
out=target/bench
mkdir -p "$out"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
admin="bench-export-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
QUARKUS_DATASOURCE_JDBC_URL=$url QUARKUS_DATASOURCE_USERNAME=$cms_role QUARKUS_DATASOURCE_PASSWORD=$cms_password \
    QUARKUS_HTTP_PORT=$port CMS_MANAGEMENT_PORT=$management CMS_ADMIN_TOKEN=$admin CMS_LIMITS_EXPENSIVE_READS_PER_MINUTE=0 \
    CMS_REQUEST_LOG=false java -Xmx256m "-Xlog:gc:file=$out/export-gc.log" -jar target/quarkus-app/quarkus-run.jar \
    >"$out/export-service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$management/q/health/ready" >/dev/null && break
    sleep 1
done
curl -sf -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -o /dev/null "http://127.0.0.1:$port/api/v1/publishers" \
    -d '{"slug":"bench-export","name":"导出基准福彩中心","level":"provincial","kind":"lottery_centre","regionCode":"330000"}'
# monthly sales of every county from 2000, as many as asked, each with a source sentence
as_postgres psql -q -d cms_bench_export -v ON_ERROR_STOP=1 -v figures="$figures" <<'SQL'
create temporary table county as
select c.code, array_remove(array[c.code, p.code, p.parent_code, '000000'], null)::varchar(6)[] as scope,
       row_number() over (order by c.code) - 1 as position
from region c join region p on p.code = c.parent_code where c.level = 'county';
create temporary table bench_figure as
select gen_random_uuid() as id, c.code, c.scope,
       make_date(2000 + (n / total)::int / 12, (n / total)::int % 12 + 1, 1) as period_start,
       round((200 + random() * 20000)::numeric, 2) as printed_wan
from generate_series(0, :figures - 1) n
cross join (select count(*) as total from county) t
join county c on c.position = n % t.total;
insert into figure (id, kind, publisher_id, current_revision, created_at, updated_at, released_at)
select id, 'sales', (select id from publisher where slug = 'bench-export'), 1, now(), now(), now() from bench_figure;
insert into figure_revision (figure_id, revision, action, recorded_at, retracted, region_code, region_scope, period_start,
                             period_end, granularity, period_label, lottery_type, amount, currency, printed_value, printed_unit,
                             qualifier, source_url, source_quote)
select f.id, 1, 'created', now(), false, f.code, f.scope, f.period_start,
       (f.period_start + interval '1 month - 1 day')::date, 'MONTH', to_char(f.period_start, 'YYYY"年"MM"月"'), 'welfare',
       f.printed_wan * 10000, 'CNY', f.printed_wan, '万元', 'exact', 'https://www.example.org/bench/' || f.code,
       to_char(f.period_start, 'YYYY"年"MM"月"') || '销售福利彩票' || f.printed_wan || '万元'
from bench_figure f;
analyze figure, figure_revision;
SQL
# the largest heap left after a garbage collection in the GC log from line $1 on
peak_since() { tail -n +"$1" "$out/export-gc.log" | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -n 1; }
gc_line() { echo $(($(wc -l <"$out/export-gc.log") + 1)); }

mark=$(gc_line)
start=$(date +%s.%N)
curl -sf -H 'Accept: text/csv' -o "$out/export.csv" "http://127.0.0.1:$port/api/v1/sales-figures?publisher=bench-export"
end=$(date +%s.%N)
rows=$(($(wc -l <"$out/export.csv") - 1))
export_peak=$(peak_since "$mark")
summaries=""
for group in year region; do
    mark=$(gc_line)
    start_s=$(date +%s.%N)
    items=$(curl -sf "http://127.0.0.1:$port/api/v1/sales-figures/summary?groupBy=$group&publisher=bench-export" | { grep -o '"key"' || true; } | wc -l)
    end_s=$(date +%s.%N)
    summaries+=$(printf 'summary by %s of %d figures: %d items in %.1f s, largest heap kept after a GC %s MiB\n' "$group" "$figures" \
        "$items" "$(echo "$end_s - $start_s" | bc)" "$(peak_since "$mark")")$'\n'
done
alive=$(kill -0 $service 2>/dev/null && echo yes || echo no)
oom=$(grep -c OutOfMemoryError "$out/export-service.log" || true)
{
    printf 'CSV export at -Xmx256m: %d of %d figures in %.1f s (%s MiB), largest heap kept after a GC %s MiB (of 256)\n' \
        "$rows" "$figures" "$(echo "$end - $start" | bc)" "$(($(stat -c %s "$out/export.csv") / 1048576))" "${export_peak:-?}"
    printf '%s' "$summaries"
    printf 'service alive: %s, OutOfMemoryError: %s\n' "$alive" "$oom"
} | tee "$out/export-results.txt"
[ "$rows" -eq "$figures" ] && [ "$alive" = yes ] && [ "$oom" = 0 ]
