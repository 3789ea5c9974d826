#!/usr/bin/env bash
# CareLens benchmark: generates N synthetic people into bench/out/data (canonical CSV in data/canonical and the same
# people as a FHIR R4 Bulk NDJSON export in data/fhir), then runs each stage in STAGES through bin/carelens on them,
# and writes bench/out/results.md with per-stage wall time, rows per second and peak memory.
# The FHIR ingest runs last, into a warehouse of its own, and its rows/s counts NDJSON resources.
# Adding a stage: append one line to STAGES below ("<subcommand> <options>"; the warehouse is added for you).
#
# Usage:   bench/run.sh [PEOPLE] [SEED]          (defaults: 100000 people, seed 42)
# Env:     CARELENS_DRIVER_MEMORY (default 4g, read by bin/carelens), THROUGH (last data day, default 2026-10-31),
#          DATA=DIR to reuse data generated earlier with --format fhir (DIR/canonical and DIR/fhir; the generate
#          step is then skipped); ONLY=REGEX to time only the stages whose command matches (e.g. ONLY=fhir;
#          stages after ingest read the warehouse an earlier run left in bench/out)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$home/bench/lib.sh"
people="${1:-100000}"
seed="${2:-42}"
through="${THROUGH:-2026-10-31}"
out="$home/bench/out"
data="${DATA:-$out/data}"
canonical="$data/canonical"
fhir="$data/fhir"
warehouse="$out/warehouse"
fhir_warehouse="$out/warehouse-fhir"

ECQMS="CMS122,CMS165,CMS125,CMS130,CMS2,CMS159,CMS138-1,CMS138-2,CMS138-3"
STAGES=(
  "ingest --path $canonical"
  "measures --period-start 2026-01-01 --period-end 2026-12-31 --measures CMS122"
  "measures --period-start 2026-01-01 --period-end 2026-12-31 --measures $ECQMS"
  "measures --period-start 2026-01-01 --period-end 2026-12-31"
  "utilization"
  "equity"
  "evaluate"
  "report"
  "ingest --source fhir --path $fhir"
)

mkdir -p "$out"
"$home/bin/carelens" --version >/dev/null   # builds first if needed, outside the timings

timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -v -o "$out/time.txt"); fi

# Runs one timed command; prints "wall_seconds max_rss_mb status".
measure() {
  local start end rss=""
  start=$(date +%s.%N)
  local status=ok
  "${timer[@]}" "$@" 2>>"$out/bench.log" >/dev/null || status=failed
  end=$(date +%s.%N)
  if [ ${#timer[@]} -gt 0 ]; then
    rss=$(peak_rss_mb "$out/time.txt")
  fi
  echo "$(echo "$end - $start" | bc) ${rss:-n/a} $status"
}

input_rows() {
  canonical_rows "$canonical"
}

fhir_resources() {
  find "$fhir" -name '*.ndjson' -print0 | xargs -0 cat | wc -l
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$out/bench.log"
results=()
if [ -z "${DATA:-}" ]; then
  rm -rf "$data"
  echo "bench: generating $people people (seed $seed) ..." >&2
  read -r gen_wall gen_rss _ < <(measure "$home/bin/carelens" generate --quiet --people "$people" --seed "$seed" \
    --through "$through" --format fhir --out "$data")
fi
rows=$(input_rows)
if [ -n "${gen_wall:-}" ]; then
  results+=("| generate | $(printf '%.1f' "$gen_wall") | $(echo "$rows / $gen_wall" | bc) | $gen_rss | | | ok |")
fi

write_results() {
  local now
  now=$(cut -d' ' -f1-3 /proc/loadavg)
  {
    echo "# CareLens benchmark"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "- data: $people people, seed $seed, through $through: $rows canonical rows;" \
         "FHIR export: ${resources:-not yet counted} NDJSON resources"
    echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo);" \
         "driver heap ${CARELENS_DRIVER_MEMORY:-4g}; load average before $load_before, now $now"
    echo
    echo "Rows/s = canonical input rows / wall time (FHIR ingest: NDJSON resources / wall time). Peak memory = maximum resident set size of the JVM."
    echo
    echo "| stage | wall s | rows/s | peak RSS MB | Spark jobs | Delta commits | status |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${results[@]}"
  } > "$out/results.md"
}

for stage in "${STAGES[@]}"; do
  name="${stage%% --path*}"
  if [ -n "${ONLY:-}" ] && ! [[ "$stage" =~ $ONLY ]]; then continue; fi
  stage_rows=$rows
  stage_warehouse=$warehouse
  if [[ "$stage" == *"--source fhir"* ]]; then
    stage_rows=${resources:=$(fhir_resources)}
    stage_warehouse=$fhir_warehouse
  fi
  if [[ "$stage" == ingest* ]]; then rm -rf "$stage_warehouse"; fi
  echo "bench: $name ..." >&2
  # shellcheck disable=SC2086
  log_before=$(wc -l < "$out/bench.log")
  # shellcheck disable=SC2086
  read -r wall rss status < <(measure "$home/bin/carelens" $stage --warehouse "$stage_warehouse")
  # every stage closes with "done in S s: N Spark jobs, M Delta commits"; sum them over the command's stages
  read -r jobs commits < <(tail -n +"$((log_before + 1))" "$out/bench.log" | jobs_and_commits)
  results+=("| $name | $(printf '%.1f' "$wall") | $(echo "$stage_rows / $wall" | bc) | $rss | $jobs | $commits | $status |")
  write_results
done
cat "$out/results.md"
