#!/usr/bin/env bash
# CareLens fault harness: kills stages with kill -9 at random points and checks that nothing is lost.
#
# 1. Generates PEOPLE synthetic people and runs `carelens run` on them uninterrupted (the reference warehouse),
#    timing every stage from its "done in" line.
# 2. Into a second warehouse, runs the stages one after another (ingest, measures, utilization, care-gaps, equity,
#    evaluate, report). Each stage is killed KILLS / 7 times (rounded up) with kill -9 after a random pause between
#    1 s and its reference time plus the JVM start; after every kill `carelens tables` must list the warehouse with
#    every table readable (exit 0). A start that finishes before its pause (the machine ran faster than in the
#    reference run) is a miss, and the next pause is drawn within the time that start took, so that every kill lands
#    (at most three starts per kill). Then the stage runs to the end. The first kills land while ingest writes every
#    table for the first time.
# 3. Compares the content digest of every gold table (`carelens tables --digest`) with the reference: identical.
#
# Usage:   bench/kill-harness.sh [KILLS] [PEOPLE] [SEED]     (defaults: 21 kills, 200 people, seed 7)
# Output:  bench/out/kill/report.md (one line per kill and the verdict); exit 1 when a check fails.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-21}"
people="${2:-200}"
seed="${3:-7}"
out="$home/bench/out/kill"
carelens="$home/bin/carelens"
RANDOM="$seed"

stages=(ingest measures utilization care-gaps equity evaluate report)
declare -A progress_name=([evaluate]=evaluation)
per_stage=$(( (kills + ${#stages[@]} - 1) / ${#stages[@]} ))

rm -rf "$out"
mkdir -p "$out"
"$carelens" --version >/dev/null
echo "kill-harness: generating $people people (seed $seed) ..." >&2
"$carelens" generate --quiet --people "$people" --seed "$seed" --through 2026-10-31 --out "$out/data"

echo "kill-harness: reference run ..." >&2
"$carelens" run --path "$out/data" --warehouse "$out/reference" 2> "$out/reference.log" > /dev/null
"$carelens" tables --digest --warehouse "$out/reference" 2>/dev/null | awk '$1 ~ /^gold\//' > "$out/reference.digest"

stage_command() {
  case "$1" in
    ingest) echo "ingest --path $out/data" ;;
    care-gaps) echo "care-gaps --rebuild --practice $(awk -F, 'NR == 2 {print $3}' "$out/data/attribution.csv") --out $out/care-gaps.csv" ;;
    report) echo "report --out $out/dashboard" ;;
    *) echo "$1" ;;
  esac
}

# Reference seconds of a stage, rounded up, plus 8 s for the JVM and Spark to start.
stage_seconds() {
  local name="${progress_name[$1]:-$1}"
  awk -v s="$name" '{for (i = 1; i < NF - 2; i++) if ($i == s && $(i + 1) == "done") {printf "%d", $(i + 3) + 9; exit}}' \
    "$out/reference.log"
}

faulted="$out/faulted"
report="$out/report.md"
{
  echo "# Fault harness"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- data: $people people, seed $seed; $per_stage kills per stage, ${#stages[@]} stages"
  echo
  echo "| # | stage | killed after s | outcome | tables readable |"
  echo "|---|---|---|---|---|"
} > "$report"

n=0
landed=0
failed=0
for stage in "${stages[@]}"; do
  limit=$(stage_seconds "$stage")
  [ -n "$limit" ] || limit=30
  # shellcheck disable=SC2207
  command=($(stage_command "$stage"))
  stage_landed=0
  starts=0
  while [ "$stage_landed" -lt "$per_stage" ] && [ "$starts" -lt $((3 * per_stage)) ]; do
    n=$((n + 1))
    starts=$((starts + 1))
    pause=$(( 1 + RANDOM % limit ))
    "$carelens" "${command[@]}" --quiet --warehouse "$faulted" > "$out/stage.log" 2>&1 &
    pid=$!
    waited=0
    while [ "$waited" -lt "$pause" ] && kill -0 "$pid" 2>/dev/null; do
      sleep 1
      waited=$((waited + 1))
    done
    if kill -9 "$pid" 2>/dev/null; then
      outcome="killed"
      landed=$((landed + 1))
      stage_landed=$((stage_landed + 1))
    else
      outcome="had finished"
      limit=$(( waited > 2 ? waited - 1 : 1 ))
    fi
    wait "$pid" 2>/dev/null || true
    # bin/carelens execs java, so the pid is the JVM's; nothing else is left running.
    if "$carelens" tables --warehouse "$faulted" > "$out/tables.log" 2>&1; then
      readable=yes
    else
      readable="NO: $(tail -n 1 "$out/tables.log")"
      failed=$((failed + 1))
    fi
    echo "| $n | $stage | $pause | $outcome | $readable |" >> "$report"
    echo "kill-harness: $n $stage after ${pause}s: $outcome; tables readable: $readable" >&2
  done
  [ "$stage_landed" -eq "$per_stage" ] || {
    echo "kill-harness: only $stage_landed of $per_stage kills landed in $stage" >&2
    failed=$((failed + 1))
  }
  "$carelens" "${command[@]}" --quiet --warehouse "$faulted" > "$out/stage.log" 2>&1 || {
    echo "kill-harness: $stage failed after the kills: $(tail -n 1 "$out/stage.log")" >&2
    failed=$((failed + 1))
  }
done

"$carelens" tables --digest --warehouse "$faulted" 2>/dev/null | awk '$1 ~ /^gold\//' > "$out/faulted.digest"
# the digest lines carry the table version, which differs after reruns: compare name and content only
if diff <(awk '{print $1, $4, $5}' "$out/reference.digest") <(awk '{print $1, $4, $5}' "$out/faulted.digest") \
    > "$out/digest.diff"; then
  identical=yes
else
  identical=no
  failed=$((failed + 1))
fi
{
  echo
  echo "Starts: $n; kills that landed while the stage ran: $landed. Gold tables identical to the uninterrupted run:" \
       "$identical ($(wc -l < "$out/reference.digest") tables)."
} >> "$report"
echo "kill-harness: $landed kills landed in $n starts, gold identical: $identical; report in $report" >&2
[ "$failed" -eq 0 ]
