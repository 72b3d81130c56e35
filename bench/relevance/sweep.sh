#!/usr/bin/env bash
# Ranking sweep: lupe-relevance on the *train* queries of xglue_qam_de, once per setting of
# the search-time ranking options (search/Ranking.h), over one index built once. Prints one
# Markdown row per setting. Never point it at the test split: the defaults are chosen here.
#
# Usage: bench/relevance/sweep.sh [--queries-limit N] -- "SETTING" ["SETTING" ...]
#   a SETTING is lupe-relevance options, e.g. "--bm25-k1 1.2 --bm25-b 0.75"; "" = defaults
#   e.g. bench/relevance/sweep.sh --queries-limit 2000 -- "" "--proximity-weight 2"
# Environment: LUPE_BENCH_BUILD (default: build/rel), a Release build folder;
#              LUPE_EVAL (default: ../shared/data/eval beside the checkout).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${LUPE_BENCH_BUILD:-$root/build/rel}
set_dir=${LUPE_EVAL:-$root/../shared/data/eval}/xglue_qam_de
limit=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do limit+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 [--queries-limit N] -- SETTING..." >&2; exit 2; }

ninja -C "$build" lupe-relevance >&2
bin=$build/bench/relevance/lupe-relevance
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" --split train "${limit[@]}" --keep-index "$work" --json "$set_dir" > /dev/null
echo '| setting | queries | MRR@10 | R@10 | R@100 | nDCG@10 |'
echo '|---|--:|--:|--:|--:|--:|'
for setting in "$@"; do
    # shellcheck disable=SC2086  # a setting is several words on purpose
    "$bin" --split train "${limit[@]}" --reuse-index "$work/xglue_qam_de" --json $setting "$set_dir" |
        python3 -c '
import json, sys
s = json.load(sys.stdin)["sets"][0]
print("| `%s` | %d | %.4f | %.4f | %.4f | %.4f |" % (sys.argv[1] or "(defaults)", s["queries"], s["mrr10"],
      s["recall10"], s["recall100"], s["ndcg10"]))' "$setting"
done
