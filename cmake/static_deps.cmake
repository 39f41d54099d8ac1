# Start-up of the executable (issue 21): every verb loaded every shared library any verb uses, and
# ld.so maps each one and searches all of them for each symbol the binary binds. COIN-OR CBC with
# LAPACK, BLAS and the Fortran runtime is a dozen of them that only `optimize` calls; SQLite and
# libyaml one each. Debian ships their static archives, so executables link those instead, and
# `--as-needed` (src/CMakeLists.txt) drops what no object references. The archives are not all
# position-independent (libgfortran.a uses initial-exec TLS), which a PIE executable may hold and
# a shared object may not: the Python module links the shared libraries.
# DECARBFUND_STATIC_DEPS=OFF, or a missing archive, keeps the shared libraries everywhere.
option(DECARBFUND_STATIC_DEPS "Link CBC (with LAPACK/BLAS), SQLite and libyaml into executables from their static archives" ON)

find_package(PkgConfig REQUIRED)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET GLOBAL cbc)

# decarbfund_static_archives(<out-var> lib...): the full paths of lib<name>.a for every name, or
# an empty list when one is missing. Fortran's runtime archives sit in the compiler's directory.
function(decarbfund_static_archives out)
  set(paths)
  foreach(lib IN LISTS ARGN)
    if(lib MATCHES "^(gfortran|quadmath)$")
      execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=lib${lib}.a
                      OUTPUT_VARIABLE found OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(NOT IS_ABSOLUTE "${found}" OR NOT EXISTS "${found}")
        set(found "")
      endif()
    else()
      find_library(DECARBFUND_STATIC_${lib} NAMES lib${lib}.a)
      set(found "${DECARBFUND_STATIC_${lib}}")
    endif()
    if(NOT found)
      message(STATUS "decarbfund: no static lib${lib}.a, linking the shared libraries")
      set(${out} "" PARENT_SCOPE)
      return()
    endif()
    list(APPEND paths "${found}")
  endforeach()
  set(${out} "${paths}" PARENT_SCOPE)
endfunction()

# decarbfund_static_or_shared(<target> ARCHIVES lib... SYSTEM_LIBS lib... SHARED target...):
# an interface target <target> (alias decarbfund::<target without the prefix>) that links an
# executable with the archives (in link order, each before what it uses) and then SYSTEM_LIBS,
# and anything else with SHARED.
set(decarbfund_is_exe "$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>")
function(decarbfund_static_or_shared target)
  cmake_parse_arguments(ARG "" "" "ARCHIVES;SYSTEM_LIBS;SHARED" ${ARGN})
  set(archives "")
  if(DECARBFUND_STATIC_DEPS)
    decarbfund_static_archives(archives ${ARG_ARCHIVES})
  endif()
  add_library(${target} INTERFACE)
  string(REGEX REPLACE "^decarbfund_" "" short ${target})
  add_library(decarbfund::${short} ALIAS ${target})
  if(NOT archives)
    target_link_libraries(${target} INTERFACE ${ARG_SHARED})
    return()
  endif()
  # Headers and compile flags as the shared targets give them.
  foreach(shared IN LISTS ARG_SHARED)
    if(TARGET ${shared})
      target_include_directories(${target} SYSTEM INTERFACE
                                 $<TARGET_PROPERTY:${shared},INTERFACE_INCLUDE_DIRECTORIES>)
      target_compile_options(${target} INTERFACE $<TARGET_PROPERTY:${shared},INTERFACE_COMPILE_OPTIONS>)
    endif()
  endforeach()
  foreach(item IN LISTS archives ARG_SYSTEM_LIBS)
    target_link_libraries(${target} INTERFACE "$<${decarbfund_is_exe}:${item}>")
  endforeach()
  foreach(shared IN LISTS ARG_SHARED)
    target_link_libraries(${target} INTERFACE "$<$<NOT:${decarbfund_is_exe}>:${shared}>")
  endforeach()
endfunction()

# fmt (every room): Debian ships libfmt only as a shared library, which needs libstdc++.so. With
# DECARBFUND_STATIC_DEPS and fmt 9, its compiled part is built here instead (cmake/fmt_library.cpp,
# fmt's own src/format.cc), so that the executable can link libstdc++ and libgcc from their
# archives (src/CMakeLists.txt): three shared libraries fewer for ld.so to map and bind at every
# start, 2–4 ms of an outlook's 21–24 on issue 21's VM. DECARBFUND_FMT_COMPILED says which was chosen.
add_library(decarbfund_fmt_link INTERFACE)
add_library(decarbfund::fmt ALIAS decarbfund_fmt_link)
if(DECARBFUND_STATIC_DEPS AND fmt_VERSION VERSION_GREATER_EQUAL 9 AND fmt_VERSION VERSION_LESS 10)
  add_library(decarbfund_fmt STATIC "${PROJECT_SOURCE_DIR}/cmake/fmt_library.cpp")
  target_include_directories(decarbfund_fmt SYSTEM PUBLIC $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)
  target_link_libraries(decarbfund_fmt_link INTERFACE decarbfund_fmt)
  set(DECARBFUND_FMT_COMPILED ON)
else()
  target_link_libraries(decarbfund_fmt_link INTERFACE fmt::fmt)
  set(DECARBFUND_FMT_COMPILED OFF)
endif()

# CBC for the optimize room; LAPACK and BLAS are Fortran, hence its runtime. CoinUtils reads
# compressed model files with bzip2 and zlib: their archives too, two shared libraries fewer at
# every start (~0.5 ms on issue 21's VM).
decarbfund_static_or_shared(decarbfund_cbc
  ARCHIVES CbcSolver Cbc Cgl OsiClp ClpSolver Clp Osi CoinUtils lapack blas gfortran quadmath bz2 z
  SYSTEM_LIBS Threads::Threads m
  SHARED PkgConfig::CBC)
decarbfund_static_or_shared(decarbfund_sqlite3 ARCHIVES sqlite3 SYSTEM_LIBS Threads::Threads dl m
                            SHARED SQLite::SQLite3)
# libyaml (Debian libyaml-dev): the YAML parser of the data room (data/yaml_document.cpp).
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET GLOBAL yaml-0.1)
decarbfund_static_or_shared(decarbfund_libyaml ARCHIVES yaml SHARED PkgConfig::LIBYAML)

# libcrypto (HMAC-SHA256 of the registry's keyed audit log): loaded with dlopen at the first keyed
# MAC (registry/hmac_sha256.cpp), so no verb pays for it at start-up (issue 21). Linked, as a
# shared library it cost every verb ~0.5 ms, as Debian's archive ~1.8 ms (its tables' 16,600
# relocations and ~100 page faults). Only its headers are used at build time; the library is
# named by its soname, read here from the one FindOpenSSL found.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
execute_process(COMMAND ${CMAKE_OBJDUMP} -p ${OPENSSL_CRYPTO_LIBRARY} OUTPUT_VARIABLE crypto_headers
                RESULT_VARIABLE crypto_objdump_failed ERROR_QUIET)
string(REGEX MATCH "SONAME +([^ \n]+)" crypto_soname_line "${crypto_headers}")
if(crypto_objdump_failed OR NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "cannot read the soname of libcrypto (${OPENSSL_CRYPTO_LIBRARY}) with objdump -p")
endif()
set(DECARBFUND_LIBCRYPTO_SONAME "${CMAKE_MATCH_1}")
message(STATUS "libcrypto, loaded when a keyed audit log needs it: ${DECARBFUND_LIBCRYPTO_SONAME}")
add_library(decarbfund_crypto INTERFACE)
add_library(decarbfund::crypto ALIAS decarbfund_crypto)
target_include_directories(decarbfund_crypto SYSTEM INTERFACE ${OPENSSL_INCLUDE_DIR})
target_compile_definitions(decarbfund_crypto INTERFACE DECARBFUND_LIBCRYPTO_SONAME="${DECARBFUND_LIBCRYPTO_SONAME}")
target_link_libraries(decarbfund_crypto INTERFACE ${CMAKE_DL_LIBS})
