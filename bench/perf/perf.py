#!/usr/bin/env python3
"""Helpers of bench/run.sh: measurement records, wrk request paths and the Markdown section.

Records are JSON lines in one file per corpus size (`measurements.jsonl`); each phase of a run
replaces its own earlier records, so a partial rerun (--only queries) keeps the other phases'
figures. `render` writes the size's block inside the perf section of bench/RESULTS.md.
"""
import argparse, datetime, json, os, re, statistics, sys, urllib.parse

BEGIN, END = "<!-- perf:begin -->", "<!-- perf:end -->"
GIB = 1024 ** 3


def load(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def save(path, records):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(path + ".tmp", path)


def cmd_drop(a):
    """Removes the records of a phase (and engine) before that phase runs again."""
    engines = set(a.engines.split(",")) if a.engines else None
    keep = [r for r in load(a.data)
            if not (r["phase"] == a.phase and (engines is None or r.get("engine") in engines))]
    save(a.data, keep)


def cmd_add(a):
    """Appends one record: fields from key=value pairs and from JSON lines on stdin/--json-file."""
    base = {}
    for pair in a.fields:
        key, _, value = pair.partition("=")
        try:
            base[key] = json.loads(value)
        except ValueError:
            base[key] = value
    records = load(a.data)
    lines = []
    if a.json_file:
        with open(a.json_file, encoding="utf-8") as f:
            lines = [json.loads(l) for l in f if l.strip().startswith("{")]
    if a.time_file:
        base.update(parse_time(a.time_file))
    if not lines:
        lines = [{}]
    for line in lines:
        records.append({**base, **line})
    save(a.data, records)


def parse_time(path):
    """Wall seconds and peak RSS from `/usr/bin/time -v`."""
    text = open(path, encoding="utf-8", errors="replace").read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = re.search(r"Percent of CPU this job got: (\d+)%", text)
    return {"seconds": seconds, "peak_rss_kb": rss, "cpu_percent": int(cpu.group(1)) if cpu else None}


def cmd_paths(a):
    """The wrk request paths of a mix: one /api/search?... per query, URL-encoded."""
    with open(a.queries, encoding="utf-8") as f:
        queries = [json.loads(l)["query"] for l in f if l.strip()][: a.limit]
    extra = "&facets=" + urllib.parse.quote("source,topic,month", safe="") if a.mix == "facets" else ""
    for q in queries:
        print("/api/search?q=" + urllib.parse.quote(q, safe="") + "&limit=10" + extra)


def cmd_hyperfine(a):
    """Records from hyperfine's --export-json (one per command)."""
    with open(a.json_file, encoding="utf-8") as f:
        results = json.load(f)["results"]
    records = load(a.data)
    for r, query in zip(results, a.queries):
        records.append({"phase": "process", "run": a.run, "mix": a.mix, "query": query,
                        "median_ms": r["median"] * 1000, "mean_ms": r["mean"] * 1000,
                        "min_ms": r["min"] * 1000, "max_ms": r["max"] * 1000,
                        "runs": len(r["times"])})
    save(a.data, records)


def cmd_first_queries(a):
    """The first N queries without characters a hyperfine parameter list cannot hold."""
    out = []
    with open(a.queries, encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)["query"]
            if re.fullmatch(r"[\w ]+", q) and len(q.split()) >= 2:
                out.append(q)
            if len(out) == a.n:
                break
    print("\n".join(out))


def cmd_meta(a):
    """Records machine and versions, and for each phase run now: date, commit, load, command."""
    meta = json.load(open(a.meta, encoding="utf-8")) if os.path.exists(a.meta) else {}
    meta["machine"], meta["versions"] = a.machine, a.versions
    if a.serve_threads:
        meta["serve_threads"] = a.serve_threads
    for phase in a.phases.split(","):
        meta.setdefault("phases", {})[phase] = {"date": a.date, "commit": a.commit, "load": a.load,
                                                "command": a.command}
    with open(a.meta, "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)


# ---- rendering ---------------------------------------------------------------------------

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, float) and digits == 0:
        return f"{v:,.0f}".replace(",", " ")
    return f"{v:,.{digits}f}".replace(",", " ")


def mib(b):
    return None if b is None else b / 1024 ** 2


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


ENGINES = {"lupe": "Lupe", "xapian": "raw Xapian", "sqlite": "SQLite FTS5"}
MIXES = {"free": "free text, top 10", "topic": "topic filter, top 10",
         "facets": "facets source+topic+month, top 10"}


def render(a):
    records = load(a.data)
    meta = json.load(open(a.meta, encoding="utf-8")) if os.path.exists(a.meta) else {}
    n = a.docs
    out = []
    w = out.append
    w(f"<!-- perf:docs={n}:begin -->")
    w(f"### {n:,} articles".replace(",", " "))
    w("")
    if a.label:
        w(f"**{a.label}**")
        w("")

    index = [r for r in records if r["phase"] == "index"]
    compact = {r["engine"]: r["size_bytes"] for r in records if r["phase"] == "compact"}
    idx = {}
    if index:
        w("Indexing (one fresh index per run; wall time and peak RSS by `/usr/bin/time -v`; size by `du`,")
        w("compacted by `xapian-compact` / FTS5 `optimize` + `VACUUM`):")
        w("")
        w("| engine | runs | articles/s | MB/s | wall s | CPU % | peak RSS MiB | index MiB | compacted MiB |")
        w("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
        for e in ENGINES:
            rs = [r for r in index if r["engine"] == e]
            if not rs:
                continue
            s = med([r["seconds"] for r in rs])
            docs, size = rs[0]["docs"], med([r["size_bytes"] for r in rs])
            rate = docs / s
            mbs = rs[0]["corpus_bytes"] / 1e6 / s
            rss = med([r["peak_rss_kb"] for r in rs]) * 1024
            idx[e] = {"rate": rate, "rss": rss, "size": size, "compacted": compact.get(e)}
            w(f"| {ENGINES[e]} | {len(rs)} | {fmt(rate, 0)} | {fmt(mbs, 2)} | {fmt(s, 1)} | "
              f"{fmt(med([r.get('cpu_percent') for r in rs]), 0)} | {fmt(mib(rss), 0)} | "
              f"{fmt(mib(size), 1)} | {fmt(mib(compact.get(e)), 1)} |")
        w("")

    queries = [r for r in records if r["phase"] == "queries"]
    q = {}
    if queries:
        w("Queries in-process, warm (one untimed pass first), one thread, the first *queries* queries")
        w("of xglue_qam_de; median over runs of each figure:")
        w("")
        w("| mix | engine | queries | runs | p50 ms | p95 ms | p99 ms | queries/s | mean matches | errors |")
        w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
        for m in MIXES:
            for e in ENGINES:
                rs = [r for r in queries if r["engine"] == e and r["mix"] == m]
                if not rs:
                    continue
                fig = {k: med([r[k] for r in rs]) for k in ("p50_ms", "p95_ms", "p99_ms", "qps", "mean_matches")}
                q[(e, m)] = fig
                matches = fig["mean_matches"] if fig["mean_matches"] else None
                w(f"| {MIXES[m]} | {ENGINES[e]} | {rs[0]['queries']} | {len(rs)} | {fmt(fig['p50_ms'], 3)} | {fmt(fig['p95_ms'], 3)} | "
                  f"{fmt(fig['p99_ms'], 3)} | {fmt(fig['qps'], 0)} | {fmt(matches, 0)} | "
                  f"{max(r['errors'] for r in rs)} |")
        w("")

    process = [r for r in records if r["phase"] == "process"]
    proc = {}
    if process:
        w("One `lupe-search query --json` process (start, open, answer) by `hyperfine -N --warmup 3`;")
        w("median over runs of each query's median, then the median and the slowest query:")
        w("")
        w("| request | queries | median ms | slowest query ms |")
        w("|---|--:|--:|--:|")
        for m in ("free", "facets"):
            rs = [r for r in process if r["mix"] == m]
            if not rs:
                continue
            per_query = {}
            for r in rs:
                per_query.setdefault(r["query"], []).append(r["median_ms"])
            medians = [med(v) for v in per_query.values()]
            proc[m] = (med(medians), max(medians))
            label = "free text" if m == "free" else "free text + `--facets source,topic,month`"
            w(f"| {label} | {len(per_query)} | {fmt(proc[m][0], 1)} | {fmt(proc[m][1], 1)} |")
        w("")

    http = [r for r in records if r["phase"] == "http"]
    web = {}
    if http:
        d = med([r["duration_us"] for r in http]) / 1e6
        w(f"HTTP: `lupe-search serve` on 127.0.0.1 (threads: {meta.get('serve_threads', 'default')}), "
          f"`wrk -t 2 -d {d:.0f}s` cycling through the queries as `/api/search?q=…&limit=10`")
        w("(facets: `&facets=source,topic,month`); median over runs:")
        w("")
        w("| mix | connections | runs | req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx |")
        w("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
        for m in ("free", "facets"):
            for c in sorted({r["connections"] for r in http}):
                rs = [r for r in http if r["mix"] == m and r["connections"] == c]
                if not rs:
                    continue
                rps = med([r["requests"] / (r["duration_us"] / 1e6) for r in rs])
                errors = max(r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"] for r in rs)
                non2xx = max(r["non_2xx_3xx"] for r in rs)
                web[(m, c)] = (rps, errors + non2xx)
                w(f"| {m} | {c} | {len(rs)} | {fmt(rps, 0)} | {fmt(med([r['p50_us'] for r in rs]) / 1000, 2)} | "
                  f"{fmt(med([r['p90_us'] for r in rs]) / 1000, 2)} | {fmt(med([r['p99_us'] for r in rs]) / 1000, 2)} | "
                  f"{errors} | {non2xx} |")
        w("")

    # Against the targets of issue 6 (set for 1 000 000 articles; HTTP for 200 000).
    rows = []
    def target(name, value, goal, ok, unit=""):
        rows.append(f"| {name} | {value}{unit} | {goal} | {'–' if ok is None else ('yes' if ok else '**no**')} |")
    if "lupe" in idx and "xapian" in idx:
        r = ratio(idx["lupe"]["rate"], idx["xapian"]["rate"])
        target("indexing articles/s, Lupe / raw Xapian", fmt(r, 2), "≥ 4", r is not None and r >= 4, "×")
    if "lupe" in idx:
        target("Lupe indexing peak RSS", fmt(mib(idx["lupe"]["rss"]), 0), "< 2048 MiB", idx["lupe"]["rss"] < 2 * GIB, " MiB")
    if "lupe" in idx and idx.get("xapian", {}).get("compacted"):
        base = idx["xapian"]["compacted"]
        r = ratio(idx["lupe"]["size"], base)
        target("Lupe index as written / raw Xapian compacted", fmt(r, 2), "≤ 0.5", r is not None and r <= 0.5, "×")
        if idx["lupe"].get("compacted"):
            r = ratio(idx["lupe"]["compacted"], base)
            target("Lupe compacted / raw Xapian compacted", fmt(r, 2), "≤ 0.5", r is not None and r <= 0.5, "×")
    if ("lupe", "free") in q and ("xapian", "free") in q:
        for p in ("p50_ms", "p99_ms"):
            r = ratio(q[("lupe", "free")][p], q[("xapian", "free")][p])
            target(f"free text {p[:3]}, Lupe / raw Xapian", fmt(r, 2), "≤ 1.5", r is not None and r <= 1.5, "×")
    if ("lupe", "facets") in q and ("xapian", "facets") in q:
        r = ratio(q[("xapian", "facets")]["p50_ms"], q[("lupe", "facets")]["p50_ms"])
        target("facets p50 speed-up, raw Xapian / Lupe", fmt(r, 2), "≥ 5", r is not None and r >= 5, "×")
    if "free" in proc:
        target("one `lupe-search query` process, median", fmt(proc["free"][0], 1), "≤ 30 ms", proc["free"][0] <= 30, " ms")
    if ("free", 64) in web:
        rps, err = web[("free", 64)]
        target("HTTP free text, 64 connections", fmt(rps, 0), "≥ 1 000 req/s, no errors", rps >= 1000 and err == 0, " req/s")
    if ("facets", 64) in web:
        rps, err = web[("facets", 64)]
        target("HTTP facets, 64 connections", fmt(rps, 0), "≥ 300 req/s, no errors", rps >= 300 and err == 0, " req/s")
    if rows:
        w("Against the targets of issue 6 (set for 1 000 000 articles, HTTP for 200 000; at other sizes")
        w("only indicative):")
        w("")
        w("| target | measured | goal | met |")
        w("|---|--:|---|---|")
        out.extend(rows)
        w("")

    if meta:
        w(f"- Machine: {meta.get('machine', '?')}")
        w(f"- Versions: {meta.get('versions', '?')}")
        for phase, info in sorted(meta.get("phases", {}).items()):
            w(f"- {phase}: {info.get('date')}, commit {info.get('commit')}, load average before "
              f"{info.get('load')}, `{info.get('command')}`")
    w(f"<!-- perf:docs={n}:end -->")
    return "\n".join(out)


HEADER = """## Performance

Written by `bench/run.sh`: do not edit between the perf markers. One block per corpus size
(`gen_corpus.py -n N`, seed 42), each from the newest run of each phase at that size.
**Lupe**: `lupe-index add --shards S` (one analysis thread and one writer per core unless `--shards` says otherwise), `Searcher::search` through
`build_request` as `lupe-search query` and the HTTP API (snippets, exact total, spelling
suggestion included). **raw Xapian** (`bench/perf/XapianRaw.cpp`): one `TermGenerator` loop,
Snowball german, `STEM_SOME`, positions, Lupe's filter terms and facet values; `QueryParser`
OR, top 10 (`get_mset(0, 10)`: estimated totals); topic filter by `OP_FILTER`; facets by three
`ValueCountMatchSpy` with `check_at_least` = document count. **SQLite FTS5**
(`bench/perf/SqliteFts5.cpp`): `unicode61 remove_diacritics 2` (no stemmer), words OR-ed,
`ORDER BY rank LIMIT 10`; topic as `AND topic = ?`; facets by three `GROUP BY` queries.
*mean matches* is the mean total per query (raw Xapian's free/topic figures are estimates).
"""


def cmd_render(a):
    block = render(a)
    path = a.results
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmark results\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        section, after = rest.split(END, 1)
    else:
        before, section, after = text.rstrip("\n") + "\n\n", "", "\n"
    blocks = dict((int(m.group(1)), m.group(0)) for m in re.finditer(
        r"<!-- perf:docs=(\d+):begin -->.*?<!-- perf:docs=\1:end -->", section, re.S))
    blocks[a.docs] = block
    body = BEGIN + "\n" + HEADER + "\n" + "\n\n".join(blocks[k] for k in sorted(blocks)) + "\n" + END
    with open(path, "w", encoding="utf-8") as f:
        f.write(before + body + after)
    print(block)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("drop"); p.add_argument("data"); p.add_argument("phase"); p.add_argument("--engines")
    p.set_defaults(f=cmd_drop)
    p = sub.add_parser("add"); p.add_argument("data"); p.add_argument("fields", nargs="*")
    p.add_argument("--json-file"); p.add_argument("--time-file"); p.set_defaults(f=cmd_add)
    p = sub.add_parser("paths"); p.add_argument("queries"); p.add_argument("mix")
    p.add_argument("--limit", type=int, default=1000); p.set_defaults(f=cmd_paths)
    p = sub.add_parser("hyperfine"); p.add_argument("data"); p.add_argument("json_file")
    p.add_argument("--run", type=int, required=True); p.add_argument("--mix", required=True)
    p.add_argument("queries", nargs="+"); p.set_defaults(f=cmd_hyperfine)
    p = sub.add_parser("first-queries"); p.add_argument("queries"); p.add_argument("n", type=int)
    p.set_defaults(f=cmd_first_queries)
    p = sub.add_parser("meta"); p.add_argument("meta")
    for o in ("machine", "versions", "phases", "date", "commit", "load", "command"):
        p.add_argument("--" + o, required=True)
    p.add_argument("--serve-threads"); p.set_defaults(f=cmd_meta)
    p = sub.add_parser("render"); p.add_argument("--data", required=True); p.add_argument("--meta", required=True)
    p.add_argument("--docs", type=int, required=True); p.add_argument("--results", required=True)
    p.add_argument("--label", default=""); p.set_defaults(f=cmd_render)
    a = ap.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
