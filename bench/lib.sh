#!/usr/bin/env bash
# Helpers the bench/ scripts share (sourced, not run): what a timed bin/carelens process cost, read from its
# /usr/bin/time -v report and from the log lines its stages print.

# The peak resident memory in MB from a /usr/bin/time -v report.
peak_rss_mb() {
  awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"
}

# Spark jobs and Delta commits summed over the log lines on stdin: every stage closes with
# "done in S s: N Spark jobs, M Delta commits". Prints "JOBS COMMITS".
jobs_and_commits() {
  awk '/Spark jobs, .* Delta commits/ {
         for (i = 1; i <= NF; i++) {if ($i == "Spark") j += $(i - 1); if ($i == "Delta") c += $(i - 1)}}
       END {print j + 0, c + 0}'
}

# The data rows (header lines left out) of every CSV file in a canonical folder: the tables as files or as folders
# of part files; a symlinked folder is followed.
canonical_rows() {
  find -L "$1" -maxdepth 2 -name '*.csv' -print0 | xargs -0 awk 'FNR > 1' | wc -l
}
