#!/usr/bin/env bash
# Performance benchmark: Lupe against a raw Xapian baseline and SQLite FTS5 on one generated
# corpus, in one run; writes the block of this corpus size in the "Performance" section of
# bench/RESULTS.md (between <!-- perf:begin --> and <!-- perf:end -->; the rest is kept).
#
# Usage: bench/run.sh --docs N [OPTIONS]
#   --docs N                articles to generate (../shared/tools/gen_corpus.py, seed 42; cached)
#   --runs R                runs of each measurement; the report shows medians (default 3)
#   --keep DIR              keep indexes and measurements in DIR/N (reused by later --only runs)
#   --only P1,P2            run only these phases: index, queries, process, http
#   --skip P1,P2            run all phases but these
#   --engines E1,E2         only these engines: lupe, xapian, sqlite (default all three)
#   --skip-index-baselines  index only with Lupe; raw Xapian and SQLite indexes come from --keep
#   --shards S              `lupe-index add --shards S` (default: one writer per core, nproc)
#   --queries-limit Q       queries per mix (default 1000, the first of xglue_qam_de)
#   --wrk-duration S        seconds per wrk measurement (default 10)
#   --serve-threads T       `lupe-search serve --threads` (default: the program's default)
#   --label TEXT            a line shown above this size's figures (e.g. "validation run")
#   --no-results            measure and print, but leave bench/RESULTS.md alone
# Phases: index (three indexers, /usr/bin/time -v, du, xapian-compact), queries (in-process
# latency of three mixes per engine), process (hyperfine: one `lupe-search query` process),
# http (`lupe-search serve` under wrk with 8 and 64 connections).
# Environment: LUPE_BENCH_BUILD (default build/rel in the checkout), a Release build folder;
#              LUPE_BENCH_CORPORA (default build/bench-corpora) caches generated corpora;
#              LUPE_BENCH_RESULTS (default bench/RESULTS.md).
# Needs: python3, /usr/bin/time, xapian-compact, hyperfine, wrk, curl (scripts/install-deps.sh --bench).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=${LUPE_BENCH_BUILD:-$root/build/rel}
corpora=${LUPE_BENCH_CORPORA:-$root/build/bench-corpora}
results=${LUPE_BENCH_RESULTS:-$root/bench/RESULTS.md}
queries=$root/../shared/data/eval/xglue_qam_de/queries.jsonl
perf="python3 $here/perf/perf.py"
quote() {  # arguments as a reader can paste them into a shell
    local a
    for a in "$@"; do
        if [[ "$a" =~ ^[A-Za-z0-9_./,=:+-]+$ ]]; then printf ' %s' "$a"; else printf " '%s'" "${a//\'/\'\\\'\'}"; fi
    done
}
command="bench/run.sh$(quote "$@")"

docs="" runs=3 keep="" phases="index,queries,process,http" skip="" engines="lupe,xapian,sqlite"
skip_index_baselines=0 shards=$(nproc) queries_limit=1000 wrk_duration=10 serve_threads="" label="" write_results=1
while (($#)); do
    case "$1" in
        --docs) docs=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --only) phases=$2; shift 2 ;;
        --skip) skip=$2; shift 2 ;;
        --engines) engines=$2; shift 2 ;;
        --skip-index-baselines) skip_index_baselines=1; shift ;;
        --shards) shards=$2; shift 2 ;;
        --queries-limit) queries_limit=$2; shift 2 ;;
        --wrk-duration) wrk_duration=$2; shift 2 ;;
        --serve-threads) serve_threads=$2; shift 2 ;;
        --label) label=$2; shift 2 ;;
        --no-results) write_results=0; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$docs" =~ ^[0-9]+$ ]] || { echo "run.sh: --docs N is required (see --help)" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs needs a positive number" >&2; exit 2; }
has() { [[ ",$1," == *",$2,"* ]]; }
phase_on() { has "$phases" "$1" && ! has "$skip" "$1"; }
engine_on() { has "$engines" "$1"; }
log() { echo "run.sh [$(date -u +%H:%M:%S)] $*" >&2; }
for tool in python3 /usr/bin/time xapian-compact hyperfine wrk curl; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (scripts/install-deps.sh --bench)" >&2; exit 2; }
done

# ---- build (Release only: timings of other builds mean nothing) ----------------------------
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLUPE_BUILD_BENCH=ON >&2
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
if [ "$build_type" != "Release" ]; then
    echo "run.sh: $build is a '$build_type' build; timings need Release (set LUPE_BENCH_BUILD)" >&2
    exit 2
fi
ninja -C "$build" lupe-index lupe-search lupe-query-bench xapian-raw sqlite-fts5 >&2
lupe_index=$build/indexer/lupe-index
lupe_search=$build/searcher/lupe-search
bin=$build/bench/perf

# ---- corpus (generated once per size, cached) ----------------------------------------------
mkdir -p "$corpora"
corpus=$corpora/corpus-$docs.jsonl
if [ ! -s "$corpus" ]; then
    log "generating $docs articles into $corpus"
    start=$(date +%s)
    python3 "$root/../shared/tools/gen_corpus.py" -n "$docs" --seed 42 > "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
    log "corpus generated in $(( $(date +%s) - start )) s"
fi
corpus_bytes=$(stat -c %s "$corpus")

# ---- work folder: indexes and measurement records ------------------------------------------
if [ -n "$keep" ]; then
    work=$(mkdir -p "$keep/$docs" && cd "$keep/$docs" && pwd)
else
    tmp=$(mktemp -d)
    work=$tmp/$docs
    mkdir -p "$work"
fi
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [ -n "${tmp:-}" ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
data=$work/measurements.jsonl
meta=$work/meta.json
scratch=$work/scratch
mkdir -p "$scratch"
lupe_dir=$work/lupe xapian_dir=$work/xapian sqlite_db=$work/sqlite.db

version() {  # first non-empty answer of the commands given
    local v
    for cmd in "$@"; do
        v=$(eval "$cmd" 2>/dev/null | head -n 1) || true
        if [ -n "$v" ]; then echo "$v"; return; fi
    done
    echo unknown
}
cpu=$(version "grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'")
ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
machine="$(nproc) cores (nproc), $cpu, $ram RAM, $(uname -sr)"
versions="Xapian $(version 'pkg-config --modversion xapian-core'), SQLite $(version 'pkg-config --modversion sqlite3'),\
 ICU $(version 'pkg-config --modversion icu-uc'), $(version "$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt") --version"),\
 $(version 'wrk --version' | cut -d' ' -f1-2), $(version 'hyperfine --version')"
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- common indexer searcher bench ':!bench/RESULTS.md' || echo "+changes")
ran=()
note_phase() {  # phase: remember when, on which commit and under which load it ran
    ran+=("$1")
    $perf meta "$meta" --machine "$machine" --versions "$versions" --phases "$1" \
        --date "$(date -u '+%Y-%m-%d %H:%M UTC')" --commit "$commit" --load "$(cut -d' ' -f1-3 /proc/loadavg)" \
        --command "$command" ${serve_threads:+--serve-threads "$serve_threads"}
}
timed_phase() { local s=$SECONDS; "$@"; log "phase ${1#phase_} took $((SECONDS - s)) s"; }

# ---- index ---------------------------------------------------------------------------------
index_one() {  # engine run
    local engine=$1 run=$2 target size
    case $engine in
        lupe)   target=$lupe_dir; rm -rf "$target"
                /usr/bin/time -v -o "$scratch/time.txt" "$lupe_index" add --index "$target" --shards "$shards" --quiet "$corpus" \
                    > "$scratch/out.txt" ;;
        xapian) target=$xapian_dir; rm -rf "$target"
                /usr/bin/time -v -o "$scratch/time.txt" "$bin/xapian-raw" index --corpus "$corpus" --index "$target" \
                    > "$scratch/out.txt" ;;
        sqlite) target=$sqlite_db; rm -f "$target"
                /usr/bin/time -v -o "$scratch/time.txt" "$bin/sqlite-fts5" index --corpus "$corpus" --db "$target" \
                    > "$scratch/out.txt" ;;
    esac
    size=$(du -sb "$target" | cut -f1)
    $perf add "$data" phase=index engine="$engine" run="$run" docs="$docs" corpus_bytes="$corpus_bytes" \
        size_bytes="$size" --time-file "$scratch/time.txt"
    log "index $engine run $run: $(grep -o 'Elapsed.*' "$scratch/time.txt"), $((size / 1048576)) MiB"
}
compact_one() {  # engine: compacted size of the kept index (a copy; the index itself stays)
    local engine=$1 size
    rm -rf "$scratch/compact"
    case $engine in
        lupe)   xapian-compact "$lupe_dir" "$scratch/compact" > /dev/null ;;
        xapian) xapian-compact "$xapian_dir" "$scratch/compact" > /dev/null ;;
        sqlite) cp "$sqlite_db" "$scratch/compact"; "$bin/sqlite-fts5" optimize --db "$scratch/compact" ;;
    esac
    size=$(du -sb "$scratch/compact" | cut -f1)
    rm -rf "$scratch/compact"
    $perf add "$data" phase=compact engine="$engine" size_bytes="$size"
    log "compacted $engine: $((size / 1048576)) MiB"
}
phase_index() {
    local indexed=()
    for engine in lupe xapian sqlite; do
        engine_on "$engine" || continue
        if [ "$engine" != lupe ] && ((skip_index_baselines)); then continue; fi
        indexed+=("$engine")
    done
    ((${#indexed[@]})) || return 0
    local list; list=$(IFS=,; echo "${indexed[*]}")
    $perf drop "$data" index --engines "$list"
    $perf drop "$data" compact --engines "$list"
    for ((run = 1; run <= runs; run++)); do
        for engine in "${indexed[@]}"; do index_one "$engine" "$run"; done
    done
    for engine in "${indexed[@]}"; do compact_one "$engine"; done
    note_phase index
}

need_indexes() {
    engine_on lupe && [ ! -d "$lupe_dir" ] && { echo "run.sh: no Lupe index in $work (run the index phase)" >&2; exit 2; }
    engine_on xapian && [ ! -d "$xapian_dir" ] && { echo "run.sh: no raw Xapian index in $work (run the index phase)" >&2; exit 2; }
    engine_on sqlite && [ ! -f "$sqlite_db" ] && { echo "run.sh: no SQLite index in $work (run the index phase)" >&2; exit 2; }
    return 0
}

# ---- queries (in-process) ------------------------------------------------------------------
phase_queries() {
    need_indexes
    $perf drop "$data" queries --engines "$engines"
    for ((run = 1; run <= runs; run++)); do
        if engine_on lupe; then
            "$bin/lupe-query-bench" --index "$lupe_dir" --queries "$queries" --limit-queries "$queries_limit" \
                > "$scratch/q.jsonl"
            $perf add "$data" phase=queries run="$run" --json-file "$scratch/q.jsonl"
            log "queries lupe run $run: $(tr '\n' ' ' < "$scratch/q.jsonl" | cut -c1-400)"
        fi
        if engine_on xapian; then
            "$bin/xapian-raw" query --index "$xapian_dir" --queries "$queries" --limit-queries "$queries_limit" \
                > "$scratch/q.jsonl"
            $perf add "$data" phase=queries run="$run" --json-file "$scratch/q.jsonl"
            log "queries xapian run $run done"
        fi
        if engine_on sqlite; then
            "$bin/sqlite-fts5" query --db "$sqlite_db" --queries "$queries" --limit-queries "$queries_limit" \
                > "$scratch/q.jsonl"
            $perf add "$data" phase=queries run="$run" --json-file "$scratch/q.jsonl"
            log "queries sqlite run $run done"
        fi
    done
    note_phase queries
}

# ---- one lupe-search process ---------------------------------------------------------------
phase_process() {
    engine_on lupe || return 0
    need_indexes
    mapfile -t sample < <($perf first-queries "$queries" 5)
    local list; list=$(IFS=,; echo "${sample[*]}")
    $perf drop "$data" process
    for ((run = 1; run <= runs; run++)); do
        hyperfine -N --warmup 3 --runs 20 --style none --export-json "$scratch/hf.json" -L q "$list" \
            "$lupe_search query --index $lupe_dir --json '{q}'" > /dev/null
        $perf hyperfine "$data" "$scratch/hf.json" --run "$run" --mix free "${sample[@]}"
        hyperfine -N --warmup 3 --runs 20 --style none --export-json "$scratch/hf.json" -L q "$list" \
            "$lupe_search query --index $lupe_dir --facets source,topic,month --json '{q}'" > /dev/null
        $perf hyperfine "$data" "$scratch/hf.json" --run "$run" --mix facets "${sample[@]}"
        log "process run $run done"
    done
    note_phase process
}

# ---- HTTP ----------------------------------------------------------------------------------
phase_http() {
    engine_on lupe || return 0
    need_indexes
    $perf paths "$queries" free --limit "$queries_limit" > "$scratch/paths-free.txt"
    $perf paths "$queries" facets --limit "$queries_limit" > "$scratch/paths-facets.txt"
    "$lupe_search" serve --index "$lupe_dir" --host 127.0.0.1 --port 0 ${serve_threads:+--threads "$serve_threads"} \
        > "$scratch/serve.out" 2> "$scratch/serve.log" &
    server_pid=$!
    local url="" i
    for ((i = 0; i < 100; i++)); do
        url=$(grep -o 'http://[0-9.:]*' "$scratch/serve.out" || true)
        [ -n "$url" ] && curl -fsS "$url/api/health" > /dev/null 2>&1 && break
        url=""
        sleep 0.1
    done
    [ -n "$url" ] || { echo "run.sh: lupe-search serve did not start:" >&2; cat "$scratch/serve.log" >&2; exit 1; }
    log "serving on $url"
    # Warm-up: every query of both mixes once.
    wrk -t 2 -c 8 -d 3s -s "$here/perf/wrk-queries.lua" "$url" -- "$scratch/paths-facets.txt" > /dev/null
    $perf drop "$data" http
    for ((run = 1; run <= runs; run++)); do
        for mix in free facets; do
            for connections in 8 64; do
                wrk -t 2 -c "$connections" -d "${wrk_duration}s" --timeout 10s -s "$here/perf/wrk-queries.lua" \
                    "$url" -- "$scratch/paths-$mix.txt" | grep '^{' > "$scratch/wrk.json"
                $perf add "$data" phase=http run="$run" mix="$mix" connections="$connections" \
                    --json-file "$scratch/wrk.json"
                log "http $mix c=$connections run $run: $(cat "$scratch/wrk.json" | cut -c1-200)"
            done
        done
    done
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    rm -f "$scratch/serve.log"
    note_phase http
}

log "docs=$docs runs=$runs phases=$phases skip=${skip:-none} engines=$engines work=$work"
phase_on index && timed_phase phase_index
phase_on queries && timed_phase phase_queries
phase_on process && timed_phase phase_process
phase_on http && timed_phase phase_http

if ((write_results)); then
    $perf render --data "$data" --meta "$meta" --docs "$docs" --results "$results" --label "$label"
    log "wrote $results"
else
    $perf render --data "$data" --meta "$meta" --docs "$docs" --results "$scratch/RESULTS.md" --label "$label"
fi
