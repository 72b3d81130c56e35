# Every third-party dependency is found here, once, and exposed as an imported target.
# All come from Debian 12 packages (see README: libxapian-dev, libicu-dev, libstemmer-dev,
# libcli11-dev, catch2, nlohmann-json3-dev, libsimdjson-dev, libboost-dev, libjemalloc-dev,
# libcpp-httplib-dev for the tests).
find_package(PkgConfig REQUIRED)

# Xapian's CMake config only sets variables: wrap them in one imported target.
find_package(xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(ICU 72 REQUIRED COMPONENTS uc i18n)

# libstemmer ships neither a CMake config nor a pkg-config file.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
if(NOT TARGET Snowball::stemmer)
  add_library(Snowball::stemmer UNKNOWN IMPORTED)
  set_target_properties(Snowball::stemmer PROPERTIES
    IMPORTED_LOCATION "${STEMMER_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${STEMMER_INCLUDE_DIR}")
endif()

find_package(CLI11 2.1 REQUIRED CONFIG)
find_package(nlohmann_json 3.11 REQUIRED CONFIG)
# simdjson reads the articles stored in the index: a search decodes one per hit
# (common/index/StoredArticle.cpp).
find_package(simdjson 3 REQUIRED CONFIG)
find_package(Threads REQUIRED)

# jemalloc: the indexer's allocator. Its analysis threads build the documents that its writer
# threads hand to Xapian and free, and glibc's malloc pays for those frees across arenas
# (bench/RESULTS.md, "Indexing": 30 % of the indexer's time at 200 000 articles).
# Only lupe-index links it: lupe-search answers faster with glibc's. Not under the sanitizers,
# which bring their own allocator.
if(LUPE_INDEXER_JEMALLOC AND NOT LUPE_SANITIZE AND NOT LUPE_FUZZ)
  pkg_check_modules(JEMALLOC IMPORTED_TARGET jemalloc)
  if(NOT JEMALLOC_FOUND)
    message(FATAL_ERROR "jemalloc not found: install libjemalloc-dev "
      "(scripts/install-deps.sh), or configure with -DLUPE_INDEXER_JEMALLOC=OFF")
  endif()
endif()

# Boost.Beast's HTTP parser reads the service's request heads (searcher/http/Wire.cpp). It is
# header-only: nothing is linked, so `lupe-search query` loads nothing for the service.
find_package(Boost 1.74 REQUIRED)

# cpp-httplib: only the test suite's HTTP client. The service no longer links it: Debian builds
# it as a shared library with OpenSSL, zlib and brotli, and loading those cost every
# `lupe-search` process about 8 ms at start (bench/RESULTS.md). Its pkg-config file carries
# the CPPHTTPLIB_* defines of that build, which every user must compile with.
if(LUPE_BUILD_TESTS)
  pkg_check_modules(CPPHTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
  if(NOT TARGET httplib::httplib)
    add_library(httplib::httplib INTERFACE IMPORTED)
    target_link_libraries(httplib::httplib INTERFACE PkgConfig::CPPHTTPLIB)
  endif()
endif()
