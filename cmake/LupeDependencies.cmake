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
