# Finds libharu, the PDF library (Debian's libhpdf-dev), which ships neither a CMake package nor a
# pkg-config file.
#
# Result: LibHaru_FOUND, LibHaru_VERSION (from hpdf_version.h when present) and the imported
# target LibHaru::LibHaru carrying the library and its include folder.

find_path(LibHaru_INCLUDE_DIR hpdf.h)
find_library(LibHaru_LIBRARY NAMES hpdf libhpdf)

if(LibHaru_INCLUDE_DIR AND EXISTS "${LibHaru_INCLUDE_DIR}/hpdf_version.h")
    file(STRINGS "${LibHaru_INCLUDE_DIR}/hpdf_version.h" version_line REGEX "^#define HPDF_VERSION_TEXT ")
    string(REGEX REPLACE "^#define HPDF_VERSION_TEXT \"([^\"]*)\".*" "\\1" LibHaru_VERSION "${version_line}")
    unset(version_line)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibHaru
    REQUIRED_VARS LibHaru_LIBRARY LibHaru_INCLUDE_DIR
    VERSION_VAR LibHaru_VERSION)
mark_as_advanced(LibHaru_INCLUDE_DIR LibHaru_LIBRARY)

if(LibHaru_FOUND AND NOT TARGET LibHaru::LibHaru)
    # GLOBAL: the render library is static, so whoever links it (the CLI, the editor, the tests,
    # in other folders) links libharu too.
    add_library(LibHaru::LibHaru UNKNOWN IMPORTED GLOBAL)
    set_target_properties(LibHaru::LibHaru PROPERTIES
        IMPORTED_LOCATION "${LibHaru_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${LibHaru_INCLUDE_DIR}")
endif()
