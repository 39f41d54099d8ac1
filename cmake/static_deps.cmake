# Start-up of the executable (issue 21): every verb loaded every shared library any verb uses, and
# ld.so maps each one and searches all of them for each symbol the binary binds. COIN-OR CBC with
# LAPACK, BLAS and the Fortran runtime is a dozen of them that only `optimize` calls; SQLite and
# yaml-cpp one each. Debian ships their static archives (position-independent), so they link into
# the binary instead, and `--as-needed` (top CMakeLists.txt) drops what no object references.
# DECARBFUND_STATIC_DEPS=OFF, or a missing archive, keeps the shared libraries.
option(DECARBFUND_STATIC_DEPS "Link CBC (with LAPACK/BLAS), SQLite and yaml-cpp from their static archives" ON)

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

find_package(PkgConfig REQUIRED)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET GLOBAL cbc)

# decarbfund::cbc — the solver for the optimize room: the archives in link order (each before
# what it uses), then the system libraries they call.
add_library(decarbfund_cbc INTERFACE)
add_library(decarbfund::cbc ALIAS decarbfund_cbc)
set(cbc_archives "")
if(DECARBFUND_STATIC_DEPS)
  decarbfund_static_archives(cbc_archives CbcSolver Cbc Cgl OsiClp ClpSolver Clp Osi CoinUtils lapack blas
                             gfortran quadmath)
endif()
if(cbc_archives)
  # The headers and flags as pkg-config gives them (PkgConfig::CBC), the archives instead of its
  # shared libraries.
  target_include_directories(decarbfund_cbc SYSTEM INTERFACE ${CBC_INCLUDE_DIRS})
  target_compile_options(decarbfund_cbc INTERFACE ${CBC_CFLAGS_OTHER})
  target_link_libraries(decarbfund_cbc INTERFACE ${cbc_archives} bz2 z Threads::Threads m)
else()
  target_link_libraries(decarbfund_cbc INTERFACE PkgConfig::CBC)
endif()

# decarbfund::sqlite3 and decarbfund::yaml_cpp: the archive, else the shared library.
add_library(decarbfund_sqlite3 INTERFACE)
add_library(decarbfund::sqlite3 ALIAS decarbfund_sqlite3)
set(sqlite_archive "")
if(DECARBFUND_STATIC_DEPS)
  decarbfund_static_archives(sqlite_archive sqlite3)
endif()
if(sqlite_archive)
  # sqlite3.h is in the default include path, as for SQLite::SQLite3.
  target_link_libraries(decarbfund_sqlite3 INTERFACE ${sqlite_archive} Threads::Threads ${CMAKE_DL_LIBS} m)
else()
  target_link_libraries(decarbfund_sqlite3 INTERFACE SQLite::SQLite3)
endif()

add_library(decarbfund_yaml_cpp INTERFACE)
add_library(decarbfund::yaml_cpp ALIAS decarbfund_yaml_cpp)
set(yaml_archive "")
if(DECARBFUND_STATIC_DEPS)
  decarbfund_static_archives(yaml_archive yaml-cpp)
endif()
if(yaml_archive)
  # The same headers as the yaml-cpp target (the default include path).
  get_target_property(yaml_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
  if(yaml_includes)
    target_include_directories(decarbfund_yaml_cpp SYSTEM INTERFACE ${yaml_includes})
  endif()
  target_link_libraries(decarbfund_yaml_cpp INTERFACE ${yaml_archive})
else()
  target_link_libraries(decarbfund_yaml_cpp INTERFACE yaml-cpp)
endif()
