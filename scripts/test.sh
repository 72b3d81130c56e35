#!/usr/bin/env bash
# Builds Lupe twice and runs every test: once with -Werror, once under AddressSanitizer +
# UndefinedBehaviorSanitizer; then the browser tests against the built service; then builds the
# Debian package, installs it and tries the installed programs (scripts/package-smoke.sh, as root).
# Expects ../shared beside the checkout (or LUPE_SHARED_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"

echo "== build (warnings are errors)"
cmake -S . -B build/ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLUPE_WERROR=ON >/dev/null
cmake --build build/ci -j "$jobs"
echo "== tests"
(cd build/ci && ctest --output-on-failure -j "$jobs")

echo "== build with AddressSanitizer + UBSan"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLUPE_SANITIZE=ON -DLUPE_WERROR=ON >/dev/null
cmake --build build/asan -j "$jobs"
echo "== tests under sanitizers"
# All but the 20 000-article scale-out comparison (indexing it twice in a Debug+ASan build
# would take most of CI's time): the first pass runs it, and the sharded search paths it
# uses run under the sanitizers in ShardedIndexTest and RemoteShardTest.
(cd build/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
   ctest --output-on-failure -j "$jobs" -E '^scaleout_')

scripts/fuzz.sh --seconds 60  # each libFuzzer target for 60 s (the long run: bench/fuzz-long.sh)

if [[ -f tests/e2e/package.json ]]; then
  echo "== browser tests (headless Chromium) and the OpenAPI checks"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  LUPE_SEARCH_BIN="$PWD/build/ci/searcher/lupe-search" LUPE_INDEX_BIN="$PWD/build/ci/indexer/lupe-index" \
    LUPE_CORPUS="$PWD/corpus" node --test tests/e2e/
fi

echo "== Debian package: build, install, use (scripts/package-smoke.sh)"
if [[ $(id -u) -eq 0 ]]; then
  scripts/package-smoke.sh
else
  echo "skipped: installs a package, needs root (CI runs as root)"
fi
