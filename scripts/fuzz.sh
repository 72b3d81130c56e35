#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang, ASan + UBSan) in build/fuzz and runs each for a
# bounded time, starting from seed corpora generated from corpus/ and tests/data/.
#
#   scripts/fuzz.sh [--seconds S] [--target NAME]... [--summary FILE]
#
#   --seconds S     run time per target (default 60)
#   --target NAME   run only this target (repeatable): text_article jsonl date query http_params
#   --summary FILE  also write the per-target figures there (tab-separated, for bench/)
#
# Prints per target: executions, executions per second, coverage (libFuzzer's cov: edges and
# ft: features at the end of the run) and corpus size. Exits non-zero when any target found a
# crash, a leak, a timeout or an out-of-memory input; the reproducer stays in
# build/fuzz/artifacts/<target>/ (replay it: build/fuzz/fuzz/fuzz_<target> FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
targets=()
summary=""
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --target) targets+=("$2"); shift 2 ;;
    --summary) summary="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(text_article jsonl date query http_params)

build=build/fuzz
echo "== build fuzz targets (clang, ASan + UBSan + libFuzzer) in $build"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DLUPE_FUZZ=ON -DLUPE_WERROR=ON -DLUPE_BUILD_TESTS=OFF -DLUPE_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz

"$build/fuzz/lupe-fuzz-seeds" "$PWD" "$build/seeds"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
failed=()
rows=()
for t in "${targets[@]}"; do
  bin="$build/fuzz/fuzz_$t"
  [[ -x "$bin" ]] || { echo "fuzz.sh: no target '$t'" >&2; exit 2; }
  work="$build/corpus/$t"       # the run's own corpus: seeds plus what libFuzzer adds
  artifacts="$build/artifacts/$t"
  log="$build/logs/$t.log"
  rm -rf "$work" "$artifacts"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  echo "== fuzz $t for ${seconds}s"
  status=0
  "$bin" "$work" "$build/seeds/$t" -dict="fuzz/dict/$t.dict" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=20 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  result=ok
  if ((status != 0)) || compgen -G "$artifacts/*" >/dev/null; then
    result=FAILED
    failed+=("$t")
    echo "fuzz.sh: $t failed (exit $status); log: $log" >&2
    grep -E 'ERROR: |runtime error|lupe fuzz:|Test unit written|SUMMARY' "$log" | head -20 >&2 || true
  fi
  rows+=("$t	${execs:-?}	${rate:-?}	${cov:-?}	${ft:-?}	${corp:-?}	$result")
  printf '%s: %s executions, %s exec/s, cov %s, ft %s, corpus %s: %s\n' \
    "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done

if [[ -n "$summary" ]]; then
  { echo "target	executions	exec/s	cov	ft	corpus	result"; printf '%s\n' "${rows[@]}"; } >"$summary"
fi
if ((${#failed[@]})); then
  echo "fuzz.sh: crashes in: ${failed[*]} (reproducers in $build/artifacts/)" >&2
  exit 1
fi
