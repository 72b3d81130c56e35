#!/usr/bin/env bash
# Umlaut folding benchmark: what folding ae/oe/ue into ä/ö/ü (analysis/UmlautFolder.h) gains
# and costs on Snowball's German reference vocabulary, and how many eval queries it touches;
# writes the "umlaut" section of bench/RESULTS.md (between <!-- umlaut:begin --> and
# <!-- umlaut:end -->; the rest of the file is kept).
#
# Usage: bench/umlaut/run.sh
# Environment: LUPE_BENCH_BUILD (default: build-bench in the checkout), a build folder with
#              -DLUPE_BUILD_BENCH=ON (any build type: this measures words, not time);
#              LUPE_BENCH_RESULTS (default: bench/RESULTS.md).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${LUPE_BENCH_BUILD:-$root/build-bench}
results=${LUPE_BENCH_RESULTS:-$root/bench/RESULTS.md}
eval_dir=$(cd "$root/.." && pwd)/shared/data/eval

if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLUPE_BUILD_BENCH=ON
fi
ninja -C "$build" umlaut-cost >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
queries=()
for set in xquad_de mlqa_de_dev xglue_qam_de; do
    if [ -f "$eval_dir/$set/queries.jsonl" ]; then queries+=("$eval_dir/$set/queries.jsonl"); fi
done
"$build/bench/umlaut/umlaut-cost" --markdown ${queries[@]:+--queries "${queries[@]}"} |
    sed "s#$(cd "$root/.." && pwd)/##g" > "$work/cost.md"

{
    echo '<!-- umlaut:begin -->'
    echo '## Umlaut folding'
    echo
    echo 'Written by `bench/umlaut/run.sh`: do not edit between the umlaut markers.'
    echo
    echo 'What `UmlautFolder` (`ae`/`oe`/`ue` → `ä`/`ö`/`ü`) costs and gains, on the words of'
    echo 'Snowball'"'"'s German reference vocabulary (real text, written with umlauts). *Cost*: words with a'
    echo 'real ae/oe/ue the folder changes anyway, and those of them that then share a term (the'
    echo 'stem Lupe indexes) with a different vocabulary word: a false merge, the two words find each'
    echo 'other. *Gain*: every word with ä/ö/ü typed the English-keyboard way; folding recovers it'
    echo 'when the folded spelling gets the word'"'"'s own term (the stemmer alone maps ü to u, so it'
    echo 'recovers `Nurnberg` but not `Nuernberg`). Lupe also indexes and searches the unfolded term'
    echo 'of every folded word, so a false merge adds matches but loses none.'
    echo
    cat "$work/cost.md"
    echo '- Relevance with folding off was not run (the analyzer has no switch for it); the shares'
    echo '  of eval queries above bound what it could change: little on xquad_de and mlqa_de_dev,'
    echo '  while xglue_qam_de'"'"'s queries are mostly typed without umlauts (`fuer`, `zurueck`).'
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo '- Command: `bench/umlaut/run.sh` (runs `umlaut-cost --markdown --queries ...`)'
    echo '<!-- umlaut:end -->'
} > "$work/section.md"

if [ -f "$results" ] && grep -q '<!-- umlaut:begin -->' "$results"; then
    awk -v section="$work/section.md" '
        /<!-- umlaut:begin -->/ { while ((getline line < section) > 0) print line; skipping = 1; next }
        /<!-- umlaut:end -->/   { skipping = 0; next }
        !skipping               { print }
    ' "$results" > "$work/results.md"
else
    { if [ -f "$results" ]; then cat "$results"; echo; else echo '# Benchmark results'; echo; fi
      cat "$work/section.md"; } > "$work/results.md"
fi
cp "$work/results.md" "$results"
cat "$work/section.md"
echo "run.sh: wrote $results" >&2
