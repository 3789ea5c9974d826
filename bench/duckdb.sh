#!/usr/bin/env bash
# CareLens against DuckDB (issue #11): generates N synthetic people (canonical CSV), times three CareLens stages on
# them through bin/carelens (ingest; measures --measures CMS122 for 2026; utilization), exports CareLens's answers,
# then runs the same work written in DuckDB SQL (bench/duckdb, io.carelens.bench.DuckDbComparison: the ingest with
# the same validation rules to Parquet, CMS122 per person, ED visits per 1,000 person-years), which first checks that
# its answers equal CareLens's and fails otherwise. Writes bench/out/duckdb-<PEOPLE>.md: both times and the ratio.
#
# Usage:   bench/duckdb.sh [PEOPLE] [SEED]          (defaults: 10000 people, seed 42)
# Env:     CARELENS_DRIVER_MEMORY (default 4g, read by bin/carelens), THROUGH (last data day, default 2026-10-31),
#          DATA=DIR to reuse data generated earlier (DIR/canonical as bench/run.sh leaves it, or DIR itself holding
#          the canonical CSV files; the generate step is then skipped)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$home/bench/lib.sh"
people="${1:-10000}"
seed="${2:-42}"
through="${THROUGH:-2026-10-31}"
period_start=2026-01-01
period_end=2026-12-31
out="$home/bench/out/duckdb"
data="${DATA:-$out/data-$people}"
canonical="$data/canonical"
if [ -n "${DATA:-}" ] && [ ! -d "$canonical" ]; then canonical="$data"; fi
warehouse="$out/warehouse-$people"
answers="$out/answers-$people"
work="$out/work-$people"
report="$home/bench/out/duckdb-$people.md"
log="$out/duckdb-$people.log"

mkdir -p "$out"
: > "$log"
# builds first if needed, outside the timings
"$home/bin/carelens" --version >/dev/null
(cd "$home" && mvn -B -ntp -q -Pbench -pl bench/duckdb -am package -DskipTests >&2)
bench_jar=$(ls "$home"/bench/duckdb/target/carelens-bench-duckdb-*.jar)
bench_cp="$bench_jar:$(cat "$home/bench/duckdb/target/classpath.txt")"
duckdb_version=$(basename "$(tr ':' '\n' < "$home/bench/duckdb/target/classpath.txt" | grep duckdb_jdbc)" .jar)

# Runs a command with stdout to $1 and stderr to the log; prints its wall seconds and returns its status.
timed() {
  local to="$1" start end rc=0
  shift
  start=$(date +%s.%N)
  "$@" > "$to" 2>>"$log" || rc=$?
  end=$(date +%s.%N)
  echo "$end - $start" | bc
  return $rc
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -z "${DATA:-}" ]; then
  rm -rf "$data"
  echo "duckdb-bench: generating $people people (seed $seed) ..." >&2
  "$home/bin/carelens" generate --quiet --people "$people" --seed "$seed" --through "$through" --out "$canonical" \
    2>>"$log"
fi
rows=$(canonical_rows "$canonical")

rm -rf "$warehouse" "$answers" "$work"
mkdir -p "$answers"
echo "duckdb-bench: CareLens ingest ..." >&2
cl_ingest=$(timed /dev/null "$home/bin/carelens" ingest --path "$canonical" --warehouse "$warehouse")
echo "duckdb-bench: CareLens measures (CMS122) ..." >&2
cl_cms122=$(timed /dev/null "$home/bin/carelens" measures --period-start "$period_start" --period-end "$period_end" \
  --measures CMS122 --warehouse "$warehouse")
echo "duckdb-bench: CareLens utilization ..." >&2
cl_util=$(timed /dev/null "$home/bin/carelens" utilization --warehouse "$warehouse")

echo "duckdb-bench: exporting CareLens's answers ..." >&2
counts_sql=""
for f in "$canonical"/*; do
  t=$(basename "$f" .csv)
  case "$t" in _* | .*) continue ;; esac
  counts_sql="${counts_sql:+$counts_sql UNION ALL }SELECT '$t' AS table_name, count(*) AS n FROM silver_$t"
done
"$home/bin/carelens" sql "$counts_sql" --warehouse "$warehouse" > "$answers/silver-counts.csv" 2>>"$log"
"$home/bin/carelens" sql "SELECT person_id, initial_population, denominator, denominator_exclusion, numerator
  FROM gold_measure_patient WHERE measure_id = 'CMS122' AND period_start = DATE'$period_start'" \
  --warehouse "$warehouse" > "$answers/cms122.csv" 2>>"$log"
"$home/bin/carelens" sql "SELECT events, person_years, rate FROM gold_utilization_rates
  WHERE measure_id = 'ED_VISITS' AND period_start = DATE'$period_start' AND dimension = 'overall'
  AND stratum = 'all' AND program_id = 'all' AND arm = 'all' AND practice_id = 'all'" \
  --warehouse "$warehouse" > "$answers/ed.csv" 2>>"$log"

echo "duckdb-bench: DuckDB ..." >&2
status=ok
duck_wall=$(timed "$answers/duckdb.txt" java -Xmx1g -cp "$bench_cp" io.carelens.bench.DuckDbComparison \
  --canonical "$canonical" --value-sets "$home/common/src/main/resources/valuesets" --work "$work" \
  --period-start "$period_start" --period-end "$period_end" --silver-counts "$answers/silver-counts.csv" \
  --cms122 "$answers/cms122.csv" --ed "$answers/ed.csv") || status=failed
step() { awk -v s="$1" '$1 == "time" && $2 == s {print $3}' "$answers/duckdb.txt"; }
ratio() { if [ -n "$2" ] && [ "$(echo "$2 > 0" | bc)" = 1 ]; then printf '%.1f' "$(echo "$1 / $2" | bc -l)"; fi; }
d_ingest=$(step ingest)
d_cms122=$(step cms122)
d_ed=$(step ed)

{
  echo "# CareLens against DuckDB, $people people"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ);" \
       "commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- data: $people people, seed $seed, through $through: $rows canonical rows; period $period_start..$period_end"
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo);" \
       "CareLens driver heap ${CARELENS_DRIVER_MEMORY:-4g}; DuckDB $duckdb_version in-process, 2 threads," \
       "memory limit 2 GB; load average before $load_before, now $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| work | CareLens s | DuckDB s | ratio |"
  echo "|---|---|---|---|"
  echo "| ingest: canonical CSV, validated, to silver (Delta) / Parquet | $(printf '%.1f' "$cl_ingest") |" \
       "${d_ingest:-n/a} | $(ratio "$cl_ingest" "$d_ingest") |"
  echo "| CMS122, one period | $(printf '%.1f' "$cl_cms122") | ${d_cms122:-n/a} | $(ratio "$cl_cms122" "$d_cms122") |"
  echo "| ED visits per 1,000 person-years | $(printf '%.1f' "$cl_util") | ${d_ed:-n/a} | $(ratio "$cl_util" "$d_ed") |"
  cl_all=$(echo "$cl_ingest + $cl_cms122 + $cl_util" | bc)
  echo "| all three | $(printf '%.1f' "$cl_all") | $(printf '%.1f' "$duck_wall") (whole process) |" \
       "$(ratio "$cl_all" "$duck_wall") |"
  echo
  echo "CareLens times are whole \`bin/carelens\` processes (JVM and Spark start-up and Delta commits" \
       "included): \`ingest\`, \`measures --measures CMS122\` (its event index included) and \`utilization\`," \
       "which computes every utilization measure (member months, ED visits with NYU classes, PQI, follow-up," \
       "acute stays, rates), not only the ED visit rate. DuckDB times are each step inside one process (value" \
       "sets and event index included in CMS122); the last row is the DuckDB process as a whole (JVM start, all" \
       "three steps and the checks). Ratio = CareLens / DuckDB."
  echo
  echo "Agreement (DuckDB's answers against CareLens's, checked before the times count):"
  echo
  echo '```'
  grep -v '^time ' "$answers/duckdb.txt" || true
  echo '```'
} > "$report"
cat "$report"
if [ "$status" != ok ]; then
  echo "duckdb-bench: DuckDB's answers differ from CareLens's (or the DuckDB run failed; see $log)" >&2
  exit 1
fi
