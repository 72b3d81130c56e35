# Installation (`cmake --install`) and the Debian package (`cpack -G DEB`).
#
# The programs need no data files at run time: the compound lexicon is linked in
# (common/analysis/data/LexiconData.S.in), the stopwords are compiled in
# (common/analysis/Stopwords.cpp) and the search page is embedded (cmake/EmbedFiles.cmake).
# So an installed tree works at any prefix and after the build tree is gone. Installed besides
# the programs: man pages, bash completions, the systemd unit with its settings file, the
# README.
#
# Files outside the prefix (/etc/default/lupe-search, /var/lib/lupe) go there only for the
# prefix /usr (the package); any other prefix gets them below itself (PREFIX/etc, PREFIX/var),
# so `cmake --install build --prefix ~/lupe` never writes to /etc.
include(GNUInstallDirs)

if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(LUPE_SYSCONF_DEST "${CMAKE_INSTALL_FULL_SYSCONFDIR}")
  set(LUPE_STATE_DEST "${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/lupe")
else()
  set(LUPE_SYSCONF_DEST "${CMAKE_INSTALL_SYSCONFDIR}")
  set(LUPE_STATE_DEST "${CMAKE_INSTALL_LOCALSTATEDIR}/lib/lupe")
endif()
set(LUPE_STATE_DIR "${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/lupe")
set(LUPE_DEFAULTS_FILE "${CMAKE_INSTALL_FULL_SYSCONFDIR}/default/lupe-search")
set(LUPE_SEARCH_PROGRAM "${CMAKE_INSTALL_FULL_BINDIR}/lupe-search")
set(LUPE_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where the systemd unit goes (relative: below the install prefix)")

# Man pages, compressed as Debian policy asks (man reads .gz directly).
find_program(GZIP gzip REQUIRED)
set(LUPE_MAN_PAGES lupe-index.1 lupe-search.1)
set(man_outputs "")
foreach(page IN LISTS LUPE_MAN_PAGES)
  set(in "${PROJECT_SOURCE_DIR}/doc/man/${page}")
  set(out "${PROJECT_BINARY_DIR}/man/${page}.gz")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${PROJECT_BINARY_DIR}/man"
    COMMAND ${GZIP} -9 -n -c "${in}" > "${out}"
    DEPENDS "${in}"
    COMMENT "Compressing man page ${page}")
  list(APPEND man_outputs "${out}")
endforeach()
add_custom_target(lupe_man_pages ALL DEPENDS ${man_outputs})
install(FILES ${man_outputs} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

install(FILES packaging/bash-completion/lupe-index packaging/bash-completion/lupe-search
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")

configure_file(packaging/systemd/lupe-search.service.in
               "${PROJECT_BINARY_DIR}/packaging/lupe-search.service" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/packaging/lupe-search.service" DESTINATION "${LUPE_SYSTEMD_UNIT_DIR}")
install(FILES packaging/systemd/lupe-search.default DESTINATION "${LUPE_SYSCONF_DEST}/default"
        RENAME lupe-search)
install(DIRECTORY DESTINATION "${LUPE_STATE_DEST}")  # the default index location, empty
install(FILES README.md DESTINATION "${CMAKE_INSTALL_DOCDIR}")

# The Debian package: lupe_<version>-<release>_<arch>.deb. Depends comes from dpkg-shlibdeps
# (the libraries the programs link: libxapian30, libicu72, libstemmer0d,
# libstdc++6, libc6, ...), so it follows what the build really linked.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "lupe")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Lupe")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "search engine for German news (Xapian)")
set(CPACK_PACKAGE_DESCRIPTION "Lupe indexes German news articles (plain-text exports and JSON Lines)
and searches them with German analysis: inflections, compounds, umlaut spellings and
typos. lupe-index builds the index; lupe-search queries it from the command line or
serves a JSON API and a search page over HTTP (systemd unit lupe-search.service).")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
configure_file(packaging/CPackProjectConfig.cmake.in "${PROJECT_BINARY_DIR}/packaging/CPackProjectConfig.cmake" @ONLY)
set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_BINARY_DIR}/packaging/CPackProjectConfig.cmake")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(LUPE_PACKAGE_MAINTAINER "Lupe maintainers <lupe@example.invalid>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LUPE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "text")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, nginx | apache2, xapian-tools")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# /etc/default/lupe-search is a conffile (dpkg keeps the admin's edits on upgrade); the
# maintainer scripts tell a running systemd about the unit, but neither enable nor start it:
# there is no index to serve yet.
configure_file(packaging/debian/conffiles.in "${PROJECT_BINARY_DIR}/packaging/debian/conffiles" @ONLY)
file(COPY packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm
     DESTINATION "${PROJECT_BINARY_DIR}/packaging/debian"
     FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_BINARY_DIR}/packaging/debian/conffiles"
    "${PROJECT_BINARY_DIR}/packaging/debian/postinst"
    "${PROJECT_BINARY_DIR}/packaging/debian/prerm"
    "${PROJECT_BINARY_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
