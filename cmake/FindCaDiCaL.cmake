# FindCaDiCaL: locate the CaDiCaL SAT solver library.
#
# Debian's libcadical-dev ships only the header /usr/include/cadical.hpp and a static libcadical.a,
# with no CMake or pkg-config file, so we look for the two by hand and wrap them in an imported target.
#
# Defines: CaDiCaL_FOUND, CaDiCaL_INCLUDE_DIR, CaDiCaL_LIBRARY and the target CaDiCaL::CaDiCaL.

find_path(CaDiCaL_INCLUDE_DIR NAMES cadical.hpp PATH_SUFFIXES cadical)
find_library(CaDiCaL_LIBRARY NAMES libcadical.a cadical)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CaDiCaL REQUIRED_VARS CaDiCaL_LIBRARY CaDiCaL_INCLUDE_DIR)

if(CaDiCaL_FOUND AND NOT TARGET CaDiCaL::CaDiCaL)
  add_library(CaDiCaL::CaDiCaL UNKNOWN IMPORTED)
  set_target_properties(CaDiCaL::CaDiCaL PROPERTIES
    IMPORTED_LOCATION "${CaDiCaL_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CaDiCaL_INCLUDE_DIR}")
  # The static library uses POSIX threads-free C++ only, but needs the C++ runtime of the caller.
endif()
mark_as_advanced(CaDiCaL_INCLUDE_DIR CaDiCaL_LIBRARY)
