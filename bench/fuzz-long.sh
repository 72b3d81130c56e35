#!/usr/bin/env bash
# The long fuzzing run: every fuzz target for SECONDS (default 300) through scripts/fuzz.sh,
# then writes the figures (executions, exec/s, coverage per target, command, date, machine)
# into the "Fuzzing" section of bench/RESULTS.md (between <!-- fuzz:begin --> and
# <!-- fuzz:end -->; the rest of the file is kept). The short run of the test suite is
# `scripts/fuzz.sh --seconds 60`.
#
#   bench/fuzz-long.sh [SECONDS]
#
# Environment: LUPE_BENCH_RESULTS (default: bench/RESULTS.md).
# Exits non-zero when a target crashed (the figures are still written, with the crash counted):
# fix the bug and add a regression test (tests/fuzz_regressions/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-300}"
results="${LUPE_BENCH_RESULTS:-$root/bench/RESULTS.md}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
scripts/fuzz.sh --seconds "$seconds" --summary "$work/summary.tsv" || status=$?
[[ -s "$work/summary.tsv" ]] || exit "$status"

{
  echo '<!-- fuzz:begin -->'
  echo '## Fuzzing'
  echo
  echo 'Written by `bench/fuzz-long.sh`: do not edit between the fuzz markers.'
  echo
  echo "Each libFuzzer target (fuzz/, ASan + UBSan, RelWithDebInfo) ran ${seconds} s, one process,"
  echo 'from seed corpora generated from `corpus/` and `tests/data/` plus its dictionary in'
  echo '`fuzz/dict/`. *cov* is the number of coverage edges and *ft* the number of features'
  echo "libFuzzer reached at the end of the run; *corpus* is inputs/size kept; *crashes* 0 means"
  echo 'the run ended without any crash, sanitizer report, leak, timeout or broken contract check.'
  echo
  echo '| target | executions | exec/s | cov | ft | corpus | crashes |'
  echo '|---|--:|--:|--:|--:|--:|--:|'
  tail -n +2 "$work/summary.tsv" | while IFS=$'\t' read -r t execs rate cov ft corp result; do
    crashes=0
    [[ "$result" == ok ]] || crashes=1
    echo "| $t | $execs | $rate | $cov | $ft | $corp | $crashes |"
  done
  echo
  echo "- Machine: $(nproc) cores (nproc), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "- Compiler: $(clang++ --version | head -1)"
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo "- Command: \`bench/fuzz-long.sh ${seconds}\` (runs \`scripts/fuzz.sh --seconds ${seconds}\`)"
  echo '<!-- fuzz:end -->'
} >"$work/section.md"

# Replace the old section (or append one) and keep everything else.
if [[ -f "$results" ]] && grep -q '<!-- fuzz:begin -->' "$results"; then
  awk -v section="$work/section.md" '
      /<!-- fuzz:begin -->/ { while ((getline line < section) > 0) print line; skipping = 1; next }
      /<!-- fuzz:end -->/   { skipping = 0; next }
      !skipping             { print }
  ' "$results" >"$work/results.md"
else
  { if [[ -f "$results" ]]; then cat "$results"; echo; else echo '# Benchmark results'; echo; fi
    cat "$work/section.md"; } >"$work/results.md"
fi
cp "$work/results.md" "$results"
cat "$work/section.md"
echo "fuzz-long.sh: wrote $results" >&2
exit "$status"
