#!/usr/bin/env bash
# Relevance benchmark: Lupe against raw Xapian + Snowball on the eval sets of the shared data
# folder, in one run; writes the "Relevance" section of bench/RESULTS.md (between the markers
# <!-- relevance:begin --> and <!-- relevance:end -->; the rest of the file is kept).
#
# Usage: bench/relevance/run.sh [OPTIONS FOR BOTH PROGRAMS]
#   e.g. bench/relevance/run.sh --queries-limit 200      (a quick run)
#        bench/relevance/run.sh ../shared/data/eval/xquad_de
# Environment: LUPE_BENCH_BUILD (default: build-bench in the checkout), a Release build folder;
#              LUPE_BENCH_RESULTS (default: bench/RESULTS.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${LUPE_BENCH_BUILD:-$root/build-bench}
results=${LUPE_BENCH_RESULTS:-$root/bench/RESULTS.md}

# Build (Release) when needed; ninja does nothing when the programs are up to date.
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLUPE_BUILD_BENCH=ON
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
if [ "$build_type" != "Release" ]; then
    echo "run.sh: $build is a '$build_type' build; timings need Release (set LUPE_BENCH_BUILD)" >&2
    exit 2
fi
ninja -C "$build" lupe-relevance xapian-baseline >&2

bin=$build/bench/relevance
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/lupe-relevance" --self-test
started=$(date -u '+%Y-%m-%d %H:%M UTC')
"$bin/lupe-relevance" --markdown "$@" > "$work/lupe.md"
"$bin/xapian-baseline" --markdown "$@" > "$work/xapian.md"

version() {  # first non-empty answer of the commands given
    local v
    for cmd in "$@"; do
        v=$(eval "$cmd" 2>/dev/null | head -n 1) || true
        if [ -n "$v" ]; then echo "$v"; return; fi
    done
    echo unknown
}
xapian=$(version "pkg-config --modversion xapian-core" "xapian-config --version")
icu=$(version "pkg-config --modversion icu-uc" "dpkg-query -W -f='\${Version}' libicu-dev")
stemmer=$(version "dpkg-query -W -f='\${Version}' libstemmer0d" "dpkg-query -W -f='\${Version}' libstemmer-dev")
compiler=$(version "$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt") --version")
cpu=$(version "grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'")
command="bench/relevance/run.sh${*:+ $*}"

{
    echo '<!-- relevance:begin -->'
    echo '## Relevance'
    echo
    echo "Written by \`bench/relevance/run.sh\`: do not edit between the relevance markers."
    echo
    echo 'Binary relevance from the eval sets'"'"' judgments (shared data README, section 2); xglue_qam_de'
    echo 'is scored on its queries in the dev or test split, against the passages of all three splits.'
    echo '**Lupe**: passages indexed by `index_inputs` (as `lupe-index add`), queries run by'
    echo '`Searcher::search` with limit 100 (the library behind the CLI and HTTP).'
    echo '**Xapian+Snowball**: `TermGenerator`/`QueryParser` with `Xapian::Stem("german")`, `STEM_SOME`,'
    echo 'positions, default `OP_OR`, `FLAG_DEFAULT`, `BM25Weight` defaults.'
    echo
    echo '| set | queries | engine | MRR@10 | R@10 | R@100 | nDCG@10 | index s | ms/query | failed |'
    echo '|---|--:|---|--:|--:|--:|--:|--:|--:|--:|'
    paste -d '\n' "$work/lupe.md" "$work/xapian.md"
    echo
    echo "- Machine: $(nproc) cores (nproc), $cpu"
    echo "- Versions: Xapian $xapian, ICU $icu, libstemmer $stemmer, $compiler"
    echo "- Date: $started"
    echo "- Command: \`$command\` (runs \`lupe-relevance --markdown\` and \`xapian-baseline --markdown\`)"
    echo '- Timing: *index s* is the wall time to build the index (Lupe: one analysis thread per core;'
    echo '  baseline: one thread); *ms/query* the mean wall time of one search for 100 hits (Lupe'"'"'s'
    echo '  includes snippets of all 100 hits, exact totals and the spelling suggestion); *failed*'
    echo '  counts queries the engine refused (scored 0, see the run'"'"'s stderr).'
    echo '<!-- relevance:end -->'
} > "$work/section.md"

# Replace the old section (or append one) and keep everything else.
if [ -f "$results" ] && grep -q '<!-- relevance:begin -->' "$results"; then
    awk -v section="$work/section.md" '
        /<!-- relevance:begin -->/ { while ((getline line < section) > 0) print line; skipping = 1; next }
        /<!-- relevance:end -->/   { skipping = 0; next }
        !skipping                  { print }
    ' "$results" > "$work/results.md"
else
    { if [ -f "$results" ]; then cat "$results"; echo; else echo '# Benchmark results'; echo; fi
      cat "$work/section.md"; } > "$work/results.md"
fi
cp "$work/results.md" "$results"
cat "$work/section.md"
echo "run.sh: wrote $results" >&2
