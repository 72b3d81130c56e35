#!/bin/sh
# Facet counting and top-10 latency (bench/facets/FacetBench.cpp) on a generated corpus.
# Usage: bench/facets/run.sh [ARTICLES] [QUERIES]   (defaults 100000 and 1000)
# Needs build/rel (or BUILD=...) with -DLUPE_BUILD_BENCH=ON; writes into $WORK (default /tmp/lupe-facets).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$here/build/rel}
work=${WORK:-/tmp/lupe-facets}
articles=${1:-100000}
queries=${2:-1000}
mkdir -p "$work"
[ -f "$work/corpus.jsonl" ] || python3 "$here/../shared/tools/gen_corpus.py" -n "$articles" --seed 7 --out "$work/corpus.jsonl"
[ -d "$work/index" ] || "$build/indexer/lupe-index" add --index "$work/index" "$work/corpus.jsonl"
"$build/bench/facets/lupe-facet-bench" --index "$work/index" \
    --queries "$here/../shared/data/eval/xglue_qam_de/queries.jsonl" -n "$queries"
