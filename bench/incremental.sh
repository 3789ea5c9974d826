#!/usr/bin/env bash
# CareLens incremental-refresh benchmark: a population of PEOPLE, then a daily increment of FRACTION of them
# (generate --increment-of), and the measures and utilization stages refreshed incrementally (--incremental) side by
# side with the same stages in full on the same final data. It fails unless both leave the same gold tables (content
# digest of every table the two stages write), then writes bench/out/incremental-<PEOPLE>.md with wall time, peak
# memory, Spark jobs and Delta commits of every step.
#
# Usage:   bench/incremental.sh [PEOPLE] [SEED]          (defaults: 100000 people, seed 42)
# Env:     DATA=DIR reuse a canonical population generated earlier (generate --out DIR --through 2026-10-31);
#          WAREHOUSE=DIR start from a warehouse that already holds DATA ingested (copied, never changed);
#          FRACTION (default 0.01), DAY (default 2026-11-01, the increment's day), PERIOD (default 2026: the
#          measurement period), MEASURES (default: all, comma-separated), AS_OF (default 2026-12-31: utilization's
#          as-of date, set so that the increment's new day does not move everyone's open coverage spans),
#          CARELENS_DRIVER_MEMORY (default 4g)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$home/bench/lib.sh"
people="${1:-100000}"
seed="${2:-42}"
fraction="${FRACTION:-0.01}"
day="${DAY:-2026-11-01}"
period="${PERIOD:-2026}"
out="$home/bench/out/incremental"
data="${DATA:-$out/data-$people}"
warehouse="$out/warehouse-$people"
increment="$out/increment-$people"
log="$out/incremental-$people.log"
report="$home/bench/out/incremental-$people.md"
settings="$out/settings.conf"
measures=(measures --config "$settings" --period-start "$period-01-01" --period-end "$period-12-31")
if [ -n "${MEASURES:-}" ]; then measures+=(--measures "$MEASURES"); fi
utilization=(utilization --config "$settings")

mkdir -p "$out"
echo "carelens.utilization.as-of-date = \"${AS_OF:-2026-12-31}\"" > "$settings"
: > "$log"
"$home/bin/carelens" --version >/dev/null   # builds first if needed, outside the timings
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -v -o "$out/time.txt"); fi
rows=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Runs one step through bin/carelens, timed as a whole process; adds a row to the report and sets last_wall.
step() {
  local label="$1"; shift
  echo "incremental-bench: $label ..." >&2
  local before start end rss=n/a jobs commits
  before=$(wc -l < "$log")
  start=$(date +%s.%N)
  "${timer[@]}" "$home/bin/carelens" "$@" >/dev/null 2>>"$log" || { tail -20 "$log" >&2; exit 1; }
  end=$(date +%s.%N)
  if [ ${#timer[@]} -gt 0 ]; then
    rss=$(peak_rss_mb "$out/time.txt")
  fi
  read -r jobs commits < <(tail -n +"$((before + 1))" "$log" | jobs_and_commits)
  last_wall=$(printf '%.1f' "$(echo "$end - $start" | bc)")
  rows+=("| $label | $last_wall | $rss | $jobs | $commits |")
}

# A / B to two decimals.
ratio() {
  printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"
}

# The content digests of the gold tables the two stages write, one line each.
digest() {
  "$home/bin/carelens" tables --digest --warehouse "$warehouse" 2>>"$log" \
    | awk '$1 ~ /^gold\/(measure_patient|member_months|ed_visits|utilization_(events|person|rates)|attribution)$/ {
             print $1, $(NF - 1), $NF}'
}

if [ -z "${DATA:-}" ] && [ ! -d "$data" ]; then
  step "generate $people people" generate --quiet --people "$people" --seed "$seed" --through 2026-10-31 \
    --out "$data"
fi
rm -rf "$warehouse" "$increment"
if [ -n "${WAREHOUSE:-}" ]; then
  cp -r "$WAREHOUSE" "$warehouse"
else
  step "ingest the population" ingest --path "$data" --warehouse "$warehouse"
fi
step "measures, full, before the increment" "${measures[@]}" --warehouse "$warehouse"
step "utilization, full, before the increment" "${utilization[@]}" --warehouse "$warehouse"
step "generate a $fraction increment" generate --quiet --increment-of "$data" --day "$day" --fraction "$fraction" \
  --seed "$seed" --out "$increment"
step "ingest the increment" ingest --path "$increment" --warehouse "$warehouse"
step "measures --incremental" "${measures[@]}" --incremental --warehouse "$warehouse"
incremental=$last_wall
persons=$(grep -o 'for [0-9]* changed person(s)' "$log" | tail -1 | awk '{print $2}')
step "utilization --incremental" "${utilization[@]}" --incremental --warehouse "$warehouse"
incremental_utilization=$last_wall
persons_utilization=$(grep -o 'utilization .*for [0-9]* changed person(s)' "$log" | tail -1 | awk '{print $(NF - 2)}')
[ -n "$persons_utilization" ] \
  || { echo "incremental-bench: utilization did not refresh incrementally; see $log" >&2; exit 1; }
after_incremental=$(digest)
step "measures, full, on the same data" "${measures[@]}" --warehouse "$warehouse"
full=$last_wall
step "utilization, full, on the same data" "${utilization[@]}" --warehouse "$warehouse"
full_utilization=$last_wall
after_full=$(digest)
if [ "$after_incremental" != "$after_full" ] || [ -z "$after_full" ]; then
  printf 'incremental-bench: gold tables differ:\nincremental\n%s\nfull\n%s\n' "$after_incremental" "$after_full" >&2
  exit 1
fi

{
  echo "# CareLens incremental refresh"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- data: $people people (seed $seed), increment of $fraction for $day:" \
       "$persons persons recomputed by measures, $persons_utilization by utilization;" \
       "measures: ${MEASURES:-all}, period $period"
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo);" \
       "driver heap ${CARELENS_DRIVER_MEMORY:-4g}; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- every gold table of the two stages after the incremental refresh equals the full recompute" \
       "(content digests):"
  echo "$after_full" | sed 's/^/  - /'
  echo "- measures --incremental against the full stage on the same data: $incremental s against $full s" \
       "(full / incremental: $(ratio "$full" "$incremental"))"
  echo "- utilization --incremental against the full stage on the same data: $incremental_utilization s against" \
       "$full_utilization s (full / incremental: $(ratio "$full_utilization" "$incremental_utilization"))"
  echo
  echo "Every step is one whole bin/carelens process (JVM start included). Peak memory = maximum resident set size."
  echo
  echo "| step | wall s | peak RSS MB | Spark jobs | Delta commits |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$report"
cat "$report"
