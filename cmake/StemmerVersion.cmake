# libstemmer (Snowball) has no version API, so `--version` names the Debian package the
# library came from, found at configure time: lupe_stemmer_package(<library> <out_var>) sets
# out_var to e.g. "libstemmer0d 2.2.0-2", or to "" when dpkg does not know the file (a
# library built from source, a system without dpkg).
function(lupe_stemmer_package library out_var)
  set(result "")
  find_program(DPKG_QUERY dpkg-query)
  if(DPKG_QUERY AND EXISTS "${library}")
    get_filename_component(real "${library}" REALPATH)
    execute_process(COMMAND ${DPKG_QUERY} -S "${real}"
      OUTPUT_VARIABLE owner RESULT_VARIABLE status ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    # "libstemmer0d:amd64: /usr/lib/x86_64-linux-gnu/libstemmer.so.0d.0.0"
    if(status EQUAL 0 AND owner MATCHES "^([^:, ]+)(:[a-z0-9]+)?: ")
      set(package "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
      execute_process(COMMAND ${DPKG_QUERY} -W -f=\${Version} "${package}"
        OUTPUT_VARIABLE version RESULT_VARIABLE status ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(status EQUAL 0 AND version)
        set(result "${CMAKE_MATCH_1} ${version}")
      endif()
    endif()
  endif()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()
