#!/usr/bin/env bash
# CareLens scaling benchmark (issue #11): for each population size, generates that many synthetic people (canonical
# CSV, seed SEED) unless bench/out/scaling/data-<N> already holds them, then runs the pipeline stage by stage, each a
# whole process through bin/carelens (ingest; measures for every calendar year with data; utilization; care-gaps
# --rebuild; equity; evaluate; report), recording wall time, peak memory (max RSS), Spark jobs and Delta commits in
# bench/out/scaling/timings.tsv. Then writes docs/scaling.md (per stage and size, with each stage's fixed cost and
# cost per 100,000 people from a least-squares line, and the growth exponent between the two largest sizes) and the
# plot docs/scaling.png (bench/scaling, io.carelens.bench.ScalingReport; a module built only with -Pbench).
#
# Usage:   bench/scaling.sh [PEOPLE ...]          (default: 10000 100000 1000000)
# Env:     SEED (default 42), THROUGH (last data day, default 2026-10-31), CARELENS_DRIVER_MEMORY (default 4g, read
#          by bin/carelens); REPORT_ONLY=1 rewrites docs/scaling.* from the recorded timings without running anything
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$home/bench/lib.sh"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(10000 100000 1000000); fi
seed="${SEED:-42}"
through="${THROUGH:-2026-10-31}"
out="$home/bench/out/scaling"
timings="$out/timings.tsv"
log="$out/scaling.log"

mkdir -p "$out"
# builds first if needed, outside the timings
"$home/bin/carelens" --version >/dev/null
(cd "$home" && mvn -B -ntp -q -Pbench -pl bench/scaling -am package -DskipTests >&2)
report_jar=$(ls "$home"/bench/scaling/target/carelens-bench-scaling-*.jar)
report_cp="$report_jar:$(cat "$home/bench/scaling/target/classpath.txt")"

# Runs one stage as a timed whole process; prints "wall_s rss_mb jobs commits status".
timed_stage() {
  local before start end status=ok rss jobs commits
  before=$(wc -l < "$log")
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$out/time.txt" "$home/bin/carelens" "$@" >>"$log" 2>&1 || status=failed
  end=$(date +%s.%N)
  rss=$(peak_rss_mb "$out/time.txt")
  read -r jobs commits < <(tail -n +"$((before + 1))" "$log" | jobs_and_commits)
  printf '%.1f %s %s %s %s\n' "$(echo "$end - $start" | bc)" "${rss:-n/a}" "$jobs" "$commits" "$status"
}

if [ -z "${REPORT_ONLY:-}" ]; then
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  : > "$log"
  printf 'people\trows\tstage\twall_s\trss_mb\tjobs\tcommits\tstatus\n' > "$timings"
  for people in "${sizes[@]}"; do
    data="$out/data-$people"
    warehouse="$out/warehouse-$people"
    if [ ! -d "$data" ]; then
      echo "scaling: generating $people people (seed $seed) ..." >&2
      "$home/bin/carelens" generate --quiet --people "$people" --seed "$seed" --through "$through" --out "$data" \
        >>"$log" 2>&1
    fi
    rows=$(canonical_rows "$data")
    rm -rf "$warehouse"
    for stage in ingest measures utilization care-gaps equity evaluate report; do
      args=("$stage" --warehouse "$warehouse")
      case "$stage" in
        ingest) args+=(--path "$data") ;;
        care-gaps)
          practice=$("$home/bin/carelens" sql --warehouse "$warehouse" \
            "SELECT min(practice_id) FROM silver_attribution" 2>>"$log" | tail -1)
          args+=(--rebuild --practice "$practice" --out "$out/care-gaps-$people.csv") ;;
      esac
      echo "scaling: $people people, $stage ..." >&2
      read -r wall rss jobs commits status < <(timed_stage "${args[@]}")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$people" "$rows" "$stage" "$wall" "$rss" "$jobs" "$commits" \
        "$status" >> "$timings"
    done
  done
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  printf '%s\n' "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null)" \
    "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)," \
    "  driver heap ${CARELENS_DRIVER_MEMORY:-4g}" \
    "- load average before $load_before, after $load_after" \
    "- data: bin/carelens generate --seed $seed --through $through" > "$out/note.md"
fi
java -Djava.awt.headless=true -cp "$report_cp" io.carelens.bench.ScalingReport --timings "$timings" \
  --markdown "$home/docs/scaling.md" --png "$home/docs/scaling.png" --note "$(cat "$out/note.md")"
cat "$home/docs/scaling.md"
