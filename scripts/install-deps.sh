#!/usr/bin/env bash
# Installs what Lupe needs on Debian 12, from Debian's packages only.
#   scripts/install-deps.sh          build and run dependencies
#   scripts/install-deps.sh --test   also what the test suite needs (Chromium, Node.js, clang,
#                                    man, bash-completion, systemd-analyze)
#   scripts/install-deps.sh --bench  also what bench/run.sh needs (SQLite FTS5, wrk, hyperfine)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libxapian-dev xapian-tools          # the search engine library and its tools (delve, quest)
  libicu-dev                          # word segmentation, normalisation, charsets, dates
  libstemmer-dev                      # Snowball stemmers
  libcli11-dev                        # command lines
  nlohmann-json3-dev                  # JSON in and out
  libsimdjson-dev                     # fast reading of the articles stored in the index
  libboost-dev                        # the HTTP service's request parser (Boost.Beast, header-only)
  libjemalloc-dev                     # lupe-index's allocator (30 % less indexing time than glibc's at 200k articles)
  wngerman                            # German word list: the compound lexicon is built from it
)
for option in "$@"; do
  case "$option" in
    --test)
      packages+=(catch2 chromium libcpp-httplib-dev)  # libcpp-httplib-dev: the tests' HTTP client
      packages+=(clang libclang-rt-14-dev)  # scripts/fuzz.sh: clang 14 and its libFuzzer/ASan runtime
      # scripts/package-smoke.sh: reads the installed man pages, completes with the installed
      # completion, verifies the installed systemd unit (dpkg-deb, dpkg-shlibdeps: build-essential)
      packages+=(man-db bash-completion systemd)
      command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
      ;;
    --bench)
      packages+=(
        libsqlite3-dev                  # the SQLite FTS5 comparison (bench/perf/SqliteFts5.cpp)
        wrk hyperfine curl time python3 # load generator, process timing, peak RSS, corpus and report
      )
      ;;
    *) echo "install-deps.sh: unknown option $option (--test, --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
