#!/bin/sh
# Scale-out figures for bench/RESULTS.md (section "scaleout"):
#  - indexing throughput of `lupe-index add` with --shards 1 and --shards 2 (wall and CPU
#    seconds, peak RSS; /usr/bin/time);
#  - query latency (lupe-query-bench: free text, topic filter, exact facets) on 1 and 4 local
#    shards, and on the 4 shards served by xapian-tcpsrv on 127.0.0.1 through a stub file.
# Usage: bench/scaleout/run.sh [DOCS] [BUILD_DIR] [WORK_DIR]
#   DOCS       generated articles (../shared/tools/gen_corpus.py, seed 42), default 20000
#   BUILD_DIR  a build with lupe-index and bench/perf/lupe-query-bench, default build/rel
#   WORK_DIR   corpus and indexes (kept), default /tmp/lupe-scaleout
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
docs=${1:-20000}
build=${2:-$root/build/rel}
work=${3:-/tmp/lupe-scaleout}
queries=$root/../shared/data/eval/xglue_qam_de/queries.jsonl
mkdir -p "$work"
corpus=$work/c$docs.jsonl
[ -f "$corpus" ] || python3 "$root/../shared/tools/gen_corpus.py" -n "$docs" --seed 42 --out "$corpus"

index() {  # index SHARDS FOLDER
    rm -rf "$2"
    /usr/bin/time -f "shards=$1 wall_s=%e user_s=%U sys_s=%S max_rss_kb=%M" \
        "$build/indexer/lupe-index" add --index "$2" --shards "$1" --quiet "$corpus"
}
echo "== indexing $docs articles ($(nproc) cores)"
index 1 "$work/one"
index 2 "$work/two"
index 4 "$work/four"

echo "== query latency (first 1000 xglue_qam_de queries, warm, one thread)"
for layout in one four; do
    echo "-- $layout"
    "$build/bench/perf/lupe-query-bench" --index "$work/$layout" --queries "$queries"
done

echo "-- four, remote: xapian-tcpsrv on 127.0.0.1"
pids=""
stub="$work/remote"
mkdir -p "$stub"
: > "$stub/XAPIANDB"
for k in 0 1 2 3; do
    port=$((47600 + k))
    xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$work/four/shard-$k" &
    pids="$pids $!"
    echo "remote 127.0.0.1:$port" >> "$stub/XAPIANDB"
done
trap 'kill $pids 2>/dev/null' EXIT
sleep 1
"$build/bench/perf/lupe-query-bench" --index "$stub" --queries "$queries"
