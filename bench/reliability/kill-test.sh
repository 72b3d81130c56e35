#!/usr/bin/env bash
# Crash-safety of `lupe-index add` (issue 7): SIGKILL at many moments while it indexes a large
# corpus, check after each kill that the index opens and holds only whole articles, then let a
# final re-run finish and check that it holds every input article exactly once. Also times
# the first run against a re-run on unchanged input (content-hash skip).
#
#   bench/reliability/kill-test.sh [--articles N] [--kills K] [--shards S] [--commit-every C]
#                                  [--build DIR] [--work DIR] [--seed X]
#
# Defaults: 50 000 articles from ../shared/tools/gen_corpus.py (generated once, kept in the
# work folder), 20 kills, 2 shards, commits every 500 changed articles per shard (so that a run
# killed after a few seconds has committed something and kills also land during commits),
# binaries from build/rel. Kill delays are random (seeded) between 0.3 s and twice the
# reference run's time divided by the number of kills, so the kills spread over the input as
# the index grows run after run. Prints a Markdown report (also left in WORK/report.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

articles=50000 kills=20 shards=2 commit_every=500 build=build/rel work=/tmp/lupe-kill-test seed=7
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) articles=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --commit-every) commit_every=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

index_bin="$build/indexer/lupe-index"
check_bin="$build/bench/reliability/lupe-check-index"
for b in "$index_bin" "$check_bin"; do
  [[ -x "$b" ]] || { echo "missing $b: cmake --build $build --target lupe-index lupe-check-index" >&2; exit 2; }
done
shared="${LUPE_SHARED_DIR:-../shared}"
mkdir -p "$work"
corpus="$work/corpus-$articles.jsonl"
if [[ ! -s "$corpus" ]]; then
  echo "== generating $articles articles" >&2
  python3 "$shared/tools/gen_corpus.py" -n "$articles" --seed 42 --out "$corpus"
fi
lines=$(wc -l <"$corpus")
add=("$index_bin" add --shards "$shards" --commit-every "$commit_every" --quiet)

# The figures of one timed command: wall seconds and CPU seconds (user + sys).
timed() {  # timed OUTFILE CMD...
  local out=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$out.time" "$@" >"$out" 2>"$out.err"
  awk '{printf "%.1f %.1f\n", $1, $2 + $3}' "$out.time"
}

echo "== reference: uninterrupted first run" >&2
rm -rf "$work/ref"
read -r first_wall first_cpu < <(timed "$work/first.json" "${add[@]}" --json --index "$work/ref" "$corpus")
echo "== reference: re-run on unchanged input" >&2
read -r again_wall again_cpu < <(timed "$work/again.json" "${add[@]}" --json --index "$work/ref" "$corpus")
ref_docs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"])' "$work/first.json")
again_unchanged=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["unchanged"])' "$work/again.json")
"$check_bin" "$work/ref" "$ref_docs" >"$work/ref.check"

echo "== $kills kills" >&2
rm -rf "$work/index"
max_delay=$(awk -v t="$first_wall" -v k="$kills" 'BEGIN{d = 2 * t / k; if (d < 1) d = 1; printf "%.2f", d}')
RANDOM=$seed
rows=()
failures=0
for ((i = 1; i <= kills; i++)); do
  delay=$(awk -v r=$((RANDOM % 1000)) -v m="$max_delay" 'BEGIN{printf "%.2f", 0.3 + r / 1000 * (m - 0.3)}')
  set +e
  timeout -s KILL "$delay" "${add[@]}" --index "$work/index" "$corpus" 2>"$work/kill-$i.err"
  status=$?
  set -e
  what="killed"
  [[ $status -eq 137 ]] || what="exit $status (finished before the kill)"
  set +e
  check=$("$check_bin" "$work/index" 2>"$work/check-$i.err")
  check_status=$?
  set -e
  [[ $check_status -eq 0 ]] || { failures=$((failures + 1)); check="FAILED: $check $(head -c 300 "$work/check-$i.err")"; }
  rows+=("| $i | $delay | $what | $check |")
  echo "kill $i after ${delay}s: $what; $check" >&2
done

echo "== final re-run" >&2
read -r final_wall final_cpu < <(timed "$work/final.json" "${add[@]}" --json --index "$work/index" "$corpus")
set +e
final_check=$("$check_bin" "$work/index" "$lines")
final_status=$?
set -e
[[ $final_status -eq 0 ]] || failures=$((failures + 1))
final_summary=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("indexed %d, replaced %d, unchanged %d, rejected %d, documents %d" % (s["indexed"], s["replaced"], s["unchanged"], s["rejected"], s["documents"]))' "$work/final.json")

speedup=$(awk -v a="$first_wall" -v b="$again_wall" 'BEGIN{printf "%.1f", a / b}')
cpu_speedup=$(awk -v a="$first_cpu" -v b="$again_cpu" 'BEGIN{printf "%.1f", a / b}')
{
  echo "Command: \`bench/reliability/kill-test.sh --articles $articles --kills $kills --shards $shards --commit-every $commit_every --build $build --seed $seed\`"
  echo "(corpus: \`gen_corpus.py -n $articles --seed 42\`, $lines lines; $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo
  echo "| run | wall s | CPU s | result |"
  echo "| --- | ---: | ---: | --- |"
  echo "| first run, new index | $first_wall | $first_cpu | $ref_docs documents; $(cat "$work/ref.check") |"
  echo "| re-run, unchanged input | $again_wall | $again_cpu | $again_unchanged unchanged; **${speedup}× faster** (CPU ${cpu_speedup}×) |"
  echo
  echo "| kill | after s | lupe-index | lupe-check-index after the kill |"
  echo "| ---: | ---: | --- | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Final re-run: $final_wall s wall; $final_summary; check with expected count $lines: $final_check."
  echo
  if [[ $failures -eq 0 ]]; then echo "Result: PASS (every check whole, final count = input, no duplicates)."
  else echo "Result: FAIL ($failures failed checks)."; fi
} | tee "$work/report.md"
[[ $failures -eq 0 ]]
