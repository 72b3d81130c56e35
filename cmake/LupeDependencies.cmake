# Every third-party dependency is found here, once, and exposed as an imported target.
# All come from Debian 12 packages (see README: libxapian-dev, libicu-dev, libstemmer-dev,
# libcli11-dev, catch2, nlohmann-json3-dev).
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
find_package(Threads REQUIRED)

# cpp-httplib (the HTTP service). Debian builds it as a compiled library (libcpp-httplib.so;
# httplib.h only declares most of it) with OpenSSL, zlib and brotli enabled. Its pkg-config
# file carries the CPPHTTPLIB_* defines of that build, which every user must compile with:
# they change the layout of httplib::Request. Limits such as CPPHTTPLIB_REQUEST_URI_MAX_LENGTH
# are fixed inside the library and cannot be changed from here.
pkg_check_modules(CPPHTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
if(NOT TARGET httplib::httplib)
  add_library(httplib::httplib INTERFACE IMPORTED)
  target_link_libraries(httplib::httplib INTERFACE PkgConfig::CPPHTTPLIB)
endif()
