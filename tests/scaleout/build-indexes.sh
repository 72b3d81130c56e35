#!/bin/sh
# CTest fixture `scaleout_indexes`: 20 000 generated articles (gen_corpus.py, fixed seed),
# indexed once as one index and once as four shards, in OUT/one and OUT/four.
# Bodies are cut to their first 400 characters: the comparison needs many articles and
# realistic words, not long texts, and this keeps the fixture cheap enough for the ASan run.
# Usage: build-indexes.sh GEN_CORPUS LUPE_INDEX OUT
set -eu
gen=$1 index=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
python3 "$gen" -n 20000 --seed 8 | python3 -c '
import json, sys
for line in sys.stdin:
    a = json.loads(line)
    body = a.get("body", "")
    if len(body) > 400:
        a["body"] = body[:body.rfind(" ", 0, 400)]
    sys.stdout.write(json.dumps(a, ensure_ascii=False) + "\n")
' > "$out/corpus.jsonl"
"$index" add --index "$out/one" --quiet "$out/corpus.jsonl"
"$index" add --index "$out/four" --shards 4 --quiet "$out/corpus.jsonl"
