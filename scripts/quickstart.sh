#!/usr/bin/env bash
# Quick start: install dependencies, build, index the demo corpus, search it, and serve it.
#   scripts/quickstart.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8080}"

scripts/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DLUPE_BUILD_TESTS=OFF >/dev/null
cmake --build build/release

bin=build/release
rm -rf demo-index
"$bin/indexer/lupe-index" add --index demo-index corpus/
"$bin/indexer/lupe-index" stats --index demo-index
echo
echo '$ lupe-search query --index demo-index --facets source,topic Halbleiter Chips'
"$bin/searcher/lupe-search" query --index demo-index --facets source,topic --limit 3 Halbleiter Chips
if [[ -x "$bin/searcher/lupe-search" ]] && "$bin/searcher/lupe-search" serve --help >/dev/null 2>&1; then
  echo
  exec "$bin/searcher/lupe-search" serve --index demo-index --host 127.0.0.1 --port "$port"
fi
