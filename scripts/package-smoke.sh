#!/usr/bin/env bash
# Builds the Debian package, removes the build tree, installs the package with apt-get and
# uses only what it installed: indexes corpus/, answers a query, serves the API and the page
# as an unprivileged user, and checks the man pages, bash completion and systemd unit.
#   scripts/package-smoke.sh          as root (CI); purges the package again at the end
#   scripts/package-smoke.sh --keep   leave the package installed
# Set CMAKE_CXX_COMPILER_LAUNCHER=ccache to reuse compiled objects.
set -euo pipefail
cd "$(dirname "$0")/.."
keep=0
for option in "$@"; do
  case "$option" in
    --keep) keep=1 ;;
    *) echo "package-smoke.sh: unknown option $option (--keep)" >&2; exit 2 ;;
  esac
done
if [[ $(id -u) -ne 0 ]]; then
  echo "package-smoke.sh: needs root (apt-get install of the package)" >&2
  exit 2
fi

source_dir="$PWD"
build=build/pkg
work="$(mktemp -d /tmp/lupe-package-smoke.XXXXXX)"
chmod 755 "$work"  # the service check runs as nobody and reads the index in here
installed_here=0
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  if ((installed_here && !keep)); then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq lupe >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package-smoke: FAIL: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }

echo "== package: build (RelWithDebInfo, stripped) and cpack"
rm -rf "$build"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLUPE_WERROR=ON \
      -DLUPE_BUILD_TESTS=OFF -DLUPE_BUILD_BENCH=OFF -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$build" -j "$(nproc)"
(cd "$build" && cpack -G DEB >/dev/null)
debs=("$build"/lupe_*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "expected one lupe_*.deb in $build"
deb="$work/$(basename "${debs[0]}")"
cp "${debs[0]}" "$deb"
rm -rf "$build"  # from here on only the package counts
echo "  $(basename "$deb"): $(stat -c %s "$deb") bytes"

echo "== package contents"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "  Depends: $depends"
for lib in libxapian30 libicu72 libstemmer0d libjemalloc2 libstdc++6 libc6; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib (dpkg-shlibdeps)"
done
# The service's HTTP code is compiled in (Boost.Beast is header-only): no OpenSSL to load.
[[ "$depends" != *libcpp-httplib* && "$depends" != *libssl* ]] || fail "Depends names an HTTP or TLS library"
ok "Depends names Xapian, ICU, libstemmer, jemalloc, libstdc++, libc, and no HTTP or TLS library"
contents="$(dpkg-deb -c "$deb" | awk '{print $6}')"
for path in ./usr/bin/lupe-index ./usr/bin/lupe-search \
            ./usr/share/man/man1/lupe-index.1.gz ./usr/share/man/man1/lupe-search.1.gz \
            ./usr/share/bash-completion/completions/lupe-index \
            ./usr/share/bash-completion/completions/lupe-search \
            ./usr/lib/systemd/system/lupe-search.service ./etc/default/lupe-search \
            ./var/lib/lupe/ ./usr/share/doc/lupe/README.md; do
  grep -qxF "$path" <<<"$contents" || fail "$path is not in the package"
done
ok "programs, man pages, completions, unit, settings, /var/lib/lupe, README"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO --wildcards '*conffiles' | grep -qxF /etc/default/lupe-search \
  || fail "/etc/default/lupe-search is not a conffile"
ok "/etc/default/lupe-search is a conffile"

echo "== install with apt-get"
if dpkg-query -W -f='${Status}' lupe 2>/dev/null | grep -q "install ok installed"; then
  fail "a lupe package is installed already; remove it first (apt-get purge lupe)"
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
installed_here=1
[[ "$(command -v lupe-index)" == /usr/bin/lupe-index && "$(command -v lupe-search)" == /usr/bin/lupe-search ]] \
  || fail "the programs are not /usr/bin/lupe-index and /usr/bin/lupe-search"
ok "installed: $(dpkg-query -W -f='${Package} ${Version}' lupe)"

# The installed programs, run from an empty folder with a clean environment: nothing from the
# checkout, the build or the caller's shell.
cd "$work"
run() { env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$@"; }

echo "== installed programs"
for program in /usr/bin/lupe-index /usr/bin/lupe-search; do
  dynamic="$(readelf -d "$program")"
  libraries="$(ldd "$program")"
  ! grep -qE 'RPATH|RUNPATH' <<<"$dynamic" || fail "$program carries an RPATH"
  ! grep -q "not found" <<<"$libraries" || fail "$program misses a library: $libraries"
  ! grep -qF "$source_dir" <<<"$libraries" || fail "$program loads a library from the checkout"
done
ok "no RPATH, every library from the system"
# jemalloc makes indexing faster and answering slower: the indexer loads it, the searcher not.
grep -q libjemalloc <<<"$(ldd /usr/bin/lupe-index)" || fail "lupe-index does not load jemalloc"
! grep -q libjemalloc <<<"$(ldd /usr/bin/lupe-search)" || fail "lupe-search loads jemalloc"
ok "lupe-index allocates with jemalloc, lupe-search with glibc"
run lupe-search --version | sed 's/^/  /'
run lupe-index --version | grep -q '^Xapian ' || fail "lupe-index --version names no Xapian"

echo "== index corpus/ and search it"
cp -r "$source_dir/corpus" "$work/corpus"
run lupe-index add --index "$work/index" --quiet "$work/corpus" || fail "lupe-index add exited $?"
stats="$(run lupe-index stats --index "$work/index" --json)"
articles=$(( $(find "$work/corpus" -name '*.txt' | wc -l) + $(grep -c . "$work/corpus/articles.jsonl") ))
grep -qE "\"documents\": *$articles[,}]" <<<"$stats" || fail "expected $articles documents: $stats"
ok "lupe-index add: $articles documents"
answer="$(run lupe-search query --index "$work/index" --json --limit 3 Halbleiterindustrie)"
grep -qE '"total": *[1-9]' <<<"$answer" || fail "no hit for Halbleiterindustrie: $answer"
grep -q '<mark>' <<<"$answer" || fail "no marked snippet: $answer"
total="$(grep -oE '"total": *[0-9]+' <<<"$answer")"
ok "lupe-search query Halbleiterindustrie: $total"

echo "== the package's files work from another prefix too (dpkg-deb -x)"
dpkg-deb -x "$deb" "$work/elsewhere"
moved="$(run "$work/elsewhere/usr/bin/lupe-search" query --index "$work/index" --json --limit 3 Halbleiterindustrie)"
[[ "$(grep -oE '"total": *[0-9]+' <<<"$moved")" == "$total" ]] || fail "the unpacked copy answers differently"
ok "same answer from $work/elsewhere/usr/bin/lupe-search"

echo "== serve as an unprivileged user (read-only index)"
port_file="$work/serve.out"
run setpriv --reuid=nobody --regid=nogroup --clear-groups \
  lupe-search serve --index "$work/index" --port 0 >"$port_file" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q 'http://' "$port_file" 2>/dev/null && break; sleep 0.1; done
port="$(grep -oE ':[0-9]+' "$port_file" | tail -1 | tr -d :)"
[[ -n "$port" ]] || fail "serve did not start: $(cat "$work/serve.err")"
http_get() {  # path -> the whole response (HTTP/1.0, so the server closes the connection)
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
  cat <&3
  exec 3<&-
}
reply="$(http_get '/api/search?q=Halbleiterindustrie&limit=3')"
grep -q '^HTTP/1.[01] 200' <<<"$reply" || fail "/api/search: $(head -1 <<<"$reply")"
grep -qF "$total" <<<"$reply" || fail "/api/search answers other than the CLI: $reply"
page="$(http_get '/')"
grep -q '^HTTP/1.[01] 200' <<<"$page" && grep -qi '<html' <<<"$page" || fail "/ serves no page"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
ok "as nobody on port $port: /api/search ($total) and the search page"

echo "== man pages"
command -v man >/dev/null || fail "man is not installed (man-db; scripts/install-deps.sh --test)"
for page in lupe-index lupe-search; do
  file="/usr/share/man/man1/$page.1.gz"
  if [[ -f "$file" ]]; then
    text="$(LC_ALL=C MANPAGER=cat MANWIDTH=100 man "$page" 2>&1)" || fail "man $page: $text"
    how="man $page"
  elif grep -rqsE '^path-exclude=?\s*/usr/share/man' /etc/dpkg/dpkg.cfg.d/; then
    # Minimal Debian images tell dpkg to drop every man page on install; the package has the
    # page (checked above), so read the packaged copy instead.
    echo "  note: dpkg here excludes /usr/share/man ($(grep -rlsE '^path-exclude=?\s*/usr/share/man' /etc/dpkg/dpkg.cfg.d/ | tr '\n' ' ')); reading the packaged page with man -l"
    text="$(LC_ALL=C MANPAGER=cat MANWIDTH=100 man -l "$work/elsewhere$file" 2>&1)" || fail "man -l $page: $text"
    how="man -l (packaged copy)"
  else
    fail "$file was not installed"
  fi
  grep -q "^NAME" <<<"$text" && grep -q -- "--index" <<<"$text" && grep -q "^EXIT STATUS" <<<"$text" \
    || fail "$how shows no page: $text"
  ok "$how"
done

echo "== bash completion"
completion=/usr/share/bash-completion/completions/lupe-search
if [[ -f /usr/share/bash-completion/bash_completion ]]; then
  complete_words() {  # the words of a command line, the last one being completed
    bash -c 'source /usr/share/bash-completion/bash_completion
             source "$1"; shift
             COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
             "$FUNCTION" "$1" "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
             printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
  }
  words="$(FUNCTION=_lupe_search complete_words "$completion" lupe-search se)"
  [[ "$words" == "serve" ]] || fail "lupe-search se<TAB> gives '$words', not serve"
  words="$(FUNCTION=_lupe_search complete_words "$completion" lupe-search query --syn | sort | tr '\n' ' ')"
  [[ "$words" == "--synonyms --synonyms-max-group --synonyms-single-words " ]] \
    || fail "lupe-search query --syn<TAB> gives '$words'"
  words="$(FUNCTION=_lupe_index complete_words /usr/share/bash-completion/completions/lupe-index lupe-index add --sh)"
  [[ "$words" == "--shards" ]] || fail "lupe-index add --sh<TAB> gives '$words'"
  ok "lupe-search se<TAB>, lupe-search query --syn<TAB>, lupe-index add --sh<TAB>"
else
  bash -n "$completion" || fail "$completion is no valid bash"
  echo "  note: bash-completion is not installed here: only checked that the file parses"
fi

echo "== systemd unit"
unit=/usr/lib/systemd/system/lupe-search.service
for line in DynamicUser=yes Restart=on-failure ReadOnlyPaths=-/var/lib/lupe \
            EnvironmentFile=-/etc/default/lupe-search; do
  grep -qxF "$line" "$unit" || fail "$unit lacks $line"
done
if command -v systemd-analyze >/dev/null; then
  verify="$(systemd-analyze verify "$unit" 2>&1)" || fail "systemd-analyze verify: $verify"
  [[ -z "$verify" ]] || echo "$verify" | sed 's/^/  systemd-analyze: /'
  ok "systemd-analyze verify $unit"
  exposure="$(systemd-analyze security --offline=true "$unit" 2>/dev/null | grep -o 'Overall exposure level.*' || true)"
  if [[ -n "$exposure" ]]; then echo "  systemd-analyze security: $exposure"; fi
else
  echo "  note: systemd-analyze is not installed: only checked the unit's key lines"
fi

echo "== package smoke test passed"
