#!/usr/bin/env bash
# Reliability of `lupe-search serve` under load (issue 7): on an index of N generated articles,
# wrk with 64 connections for 60 s on a realistic query mix, the server's resident memory
# before and after, errors and latency percentiles; then the same load with slow clients
# (one byte a second) beside it, and the expensive query `a* OR e* OR i*` with and without
# the time limit. Loopback only; every request loop is bounded in time. Writes the
# "reliability-serve" block of bench/RESULTS.md (the rest of the file is kept).
#
# Usage: bench/reliability/load.sh [OPTIONS]
#   --docs N          articles (default 500000; ../shared/tools/gen_corpus.py, seed 42)
#   --data DIR        where the corpus and the index are kept between runs
#                     (default build/bench-reliability; both are reused when present)
#   --index DIR       use this Lupe index instead of DIR/index-N (then --docs is only a label)
#   --connections C   wrk connections (default 64)
#   --duration S      seconds of the main wrk run (default 60)
#   --warmup S        seconds of load before the "before" memory reading (default 60: every
#                     worker has opened its database, loaded its facet columns and filled its
#                     bounded query-word cache, so what grows after it would be a leak)
#   --slow K          slow clients in the second run (default 200)
#   --threads T       `lupe-search serve --threads` (default: the program's default)
#   --no-results      print the figures, leave bench/RESULTS.md alone
# Environment: LUPE_BENCH_BUILD (default build/rel), a build folder with lupe-index and
# lupe-search; LUPE_BENCH_RESULTS (default bench/RESULTS.md).
# Needs: python3, wrk, curl (scripts/install-deps.sh --bench).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${LUPE_BENCH_BUILD:-$root/build/rel}
results=${LUPE_BENCH_RESULTS:-$root/bench/RESULTS.md}
queries=$root/../shared/data/eval/xglue_qam_de/queries.jsonl
command="bench/reliability/load.sh $*"

docs=500000 data=$root/build/bench-reliability index="" connections=64 duration=60 warmup=60 slow=200 threads="" write_results=1
while (($#)); do
    case "$1" in
        --docs) docs=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --index) index=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --slow) slow=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --no-results) write_results=0; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "load.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for tool in python3 wrk curl; do
    command -v "$tool" >/dev/null || { echo "load.sh: $tool is missing (scripts/install-deps.sh --bench)" >&2; exit 2; }
done
log() { echo "load.sh [$(date -u +%H:%M:%S)] $*" >&2; }
lupe_index=$build/indexer/lupe-index
lupe_search=$build/searcher/lupe-search
[ -x "$lupe_search" ] && [ -x "$lupe_index" ] || { echo "load.sh: build lupe-index and lupe-search in $build first" >&2; exit 2; }
mkdir -p "$data"
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# ---- corpus and index (once; reused) -------------------------------------------------------
if [ -z "$index" ]; then
    corpus=$data/corpus-$docs.jsonl
    index=$data/index-$docs
    if [ ! -s "$corpus" ]; then
        log "generating $docs articles into $corpus"
        python3 "$root/../shared/tools/gen_corpus.py" -n "$docs" --seed 42 > "$corpus.tmp"
        mv "$corpus.tmp" "$corpus"
    fi
    if [ ! -d "$index" ]; then
        log "indexing $corpus into $index (this takes a while)"
        "$lupe_index" add --index "$index.tmp" --shards 2 --quiet "$corpus"
        mv "$index.tmp" "$index"
    fi
fi

# ---- the query mix: free text, filters, facets, pages ---------------------------------------
python3 - "$queries" > "$work/paths.txt" <<'EOF'
import json, sys, urllib.parse
queries = [json.loads(l)["query"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()][:2000]
sources = ["Spiegel", "Heise", "Handelsblatt", "Der Standard", "tagesschau.de"]
topics = ["Wirtschaft", "Politik", "Technologie", "Sport", "Kultur"]
for i, q in enumerate(queries):
    p = "/api/search?q=" + urllib.parse.quote(q, safe="")
    kind = i % 10
    if kind in (0, 1, 2, 3, 4):
        pass                                                  # 50 %: free text, first page
    elif kind == 5:
        p += "&facets=source%2Ctopic%2Cmonth"                 # 10 %: with facets
    elif kind == 6:
        p += "&source=" + urllib.parse.quote(sources[i % 5]) + "&facets=topic"  # 10 %: filter + facet
    elif kind == 7:
        p += "&topic=" + urllib.parse.quote(topics[i % 5]) + "&from=2020"       # 10 %: filters
    elif kind == 8:
        p += "&offset=10"                                     # 10 %: second page
    else:
        p += "&sort=date&collapse=1"                          # 10 %: newest first, copies folded
    print(p)
EOF
log "$(wc -l < "$work/paths.txt") request paths"

# ---- server --------------------------------------------------------------------------------
start_server() {  # extra serve options...
    "$lupe_search" serve --index "$index" --host 127.0.0.1 --port 0 ${threads:+--threads "$threads"} "$@" \
        > "$work/serve.out" 2> "$work/serve.log" &
    server_pid=$!
    url=""
    for ((i = 0; i < 300; i++)); do
        url=$(grep -o 'http://[0-9.:]*' "$work/serve.out" || true)
        [ -n "$url" ] && curl -fsS "$url/api/health" > /dev/null 2>&1 && break
        url=""
        sleep 0.1
    done
    [ -n "$url" ] || { echo "load.sh: lupe-search serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
hwm_kib() { awk '/^VmHWM/ { print $2 }' "/proc/$server_pid/status"; }
run_wrk() {  # seconds connections -> one JSON line
    wrk -t 2 -c "$2" -d "${1}s" --timeout 10s -s "$root/bench/perf/wrk-queries.lua" "$url" -- "$work/paths.txt" \
        | grep '^{'
}

start_server
documents=$(curl -fsS "$url/api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
log "serving $documents articles on $url"
log "warm-up: $warmup s"
run_wrk "$warmup" "$connections" > "$work/warm.json"
rss_before=$(rss_kib)
log "main run: $connections connections, $duration s (RSS before: $rss_before KiB)"
run_wrk "$duration" "$connections" > "$work/main.json"
rss_after=$(rss_kib)
hwm=$(hwm_kib)
log "main: $(cat "$work/main.json")"

# ---- the same load with slow clients beside it ---------------------------------------------
log "slow clients: $slow connections sending a byte a second, beside $connections wrk connections for 20 s"
python3 - "$url" "$slow" 26 > "$work/slow.json" <<'EOF' &
import json, socket, sys, time
host, port = sys.argv[1].split("//")[1].rstrip("/").split(":")
count, seconds = int(sys.argv[2]), float(sys.argv[3])
head = b"GET /api/search?q=Klima HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"s" * 200 + b"\r\n\r\n"
socks, closed, sent = [], 0, 0
for _ in range(count):
    s = socket.create_connection((host, int(port)))
    s.setblocking(False)
    socks.append(s)
end = time.time() + seconds
while time.time() < end and socks:
    for s in list(socks):
        try:
            s.send(head[sent:sent + 1])
        except OSError:
            socks.remove(s); closed += 1
    sent += 1
    time.sleep(1)
print(json.dumps({"slow_clients": count, "closed_by_server": closed, "bytes_each": sent}))
EOF
slow_pid=$!
sleep 3
run_wrk 20 "$connections" > "$work/slowrun.json"
wait "$slow_pid"
log "with slow clients: $(cat "$work/slowrun.json") $(cat "$work/slow.json")"

# ---- the expensive query, with the default time limit and without ----------------------------
expensive="/api/search?q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("a* OR e* OR i*"))')&facets=source%2Ctopic%2Cmonth"
time_query() {  # -> "seconds status partial total"
    curl -sS -o "$work/q.json" -w '%{time_total} %{http_code}' --max-time 90 "$url$expensive" > "$work/q.txt" || true
    python3 - "$work/q.json" "$work/q.txt" <<'EOF'
import json, sys
t, code = open(sys.argv[2]).read().split()
try:
    j = json.load(open(sys.argv[1])); print(t, code, str(j.get("partial")).lower(), j.get("total"))
except Exception:
    print(t, code, "-", "-")
EOF
}
read -r limited_s limited_code limited_partial limited_total <<< "$(time_query)"
default_limit=$("$lupe_search" serve --help | grep -o 'time-limit MS[^=]*=[0-9]*' | grep -o '[0-9]*$' || echo "?")
stop_server
start_server --time-limit 0
read -r unlimited_s unlimited_code unlimited_partial unlimited_total <<< "$(time_query)"
stop_server
log "a* OR e* OR i*: limit ${default_limit} ms: $limited_s s $limited_code partial=$limited_partial; none: $unlimited_s s"

# ---- report --------------------------------------------------------------------------------
python3 - "$work" "$results" "$write_results" <<EOF
import json, sys
work, results, write = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
main = json.load(open(work + "/main.json")); slowrun = json.load(open(work + "/slowrun.json"))
slow = json.load(open(work + "/slow.json"))
def errors(r): return r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
def ms(us): return "%.1f" % (us / 1000)
before, after, hwm = $rss_before, $rss_after, $hwm
lines = [
    "<!-- reliability-serve:begin -->",
    "### Service under load (\`lupe-search serve\`)",
    "",
    "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)),"
    " commit $(git -C "$root" rev-parse --short HEAD), binaries of \`$(basename "$build")\` ($(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")),"
    " index of $documents articles. Command: \`$command\`",
    "",
    "Query mix: the first 2 000 queries of xglue_qam_de, 50 % free text, 10 % with facets, 10 % a source filter and a topic facet,"
    " 10 % topic and date filters, 10 % second page, 10 % newest first with copies folded. wrk with 2 threads, 10 s timeout, after $warmup s of warm-up.",
    "",
    "| run | connections | s | requests | req/s | non-2xx | socket errors | p50 ms | p90 ms | p99 ms | max ms |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
]
for name, r in (("main", main), ("with %d slow clients" % slow["slow_clients"], slowrun)):
    s = r["duration_us"] / 1e6
    lines.append("| %s | $connections | %.0f | %d | %.0f | %d | %d | %s | %s | %s | %s |" % (
        name, s, r["requests"], r["requests"] / s, r["non_2xx_3xx"], errors(r),
        ms(r["p50_us"]), ms(r["p90_us"]), ms(r["p99_us"]), ms(r["max_us"])))
lines += [
    "",
    "Resident memory of the server (VmRSS): %.1f MiB after the warm-up, %.1f MiB after the main run (%+.1f %%); peak (VmHWM) %.1f MiB." % (
        before / 1024, after / 1024, 100.0 * (after - before) / before, hwm / 1024),
    "",
    "Slow clients: %d connections sending their request one byte a second for %d s beside the load;"
    " %d were closed by the server (head not complete within its time)." % (slow["slow_clients"], slow["bytes_each"], slow["closed_by_server"]),
    "",
    "Expensive query \`a* OR e* OR i*\` with facets source, topic, month: with the default time limit ($default_limit ms) "
    "$limited_s s, HTTP $limited_code, \`\"partial\": $limited_partial\`, total $limited_total; with \`--time-limit 0\` (none) "
    "$unlimited_s s, HTTP $unlimited_code, partial $unlimited_partial, total $unlimited_total.",
    "<!-- reliability-serve:end -->",
]
block = "\n".join(lines)
print(block)
if write:
    text = open(results, encoding="utf-8").read()
    b, e = "<!-- reliability-serve:begin -->", "<!-- reliability-serve:end -->"
    if b in text and e in text:
        text = text[:text.index(b)] + block + text[text.index(e) + len(e):]
    else:
        if "## Reliability" not in text:
            text = text.rstrip("\n") + "\n\n## Reliability\n"
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    open(results, "w", encoding="utf-8").write(text)
EOF
