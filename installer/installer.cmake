# Packaging: `cpack` in the build folder makes a .deb and a .tar.gz of the installed files.
install(FILES ${PROJECT_SOURCE_DIR}/resources/schema/bpm-2.xsd DESTINATION share/bpmap/schema)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/samples/ DESTINATION share/bpmap/samples FILES_MATCHING PATTERN "*.bpm")
install(FILES ${PROJECT_SOURCE_DIR}/installer/bpmap-mime.xml DESTINATION share/mime/packages RENAME bpmap.xml)

set(CPACK_PACKAGE_NAME "bpmap")
set(CPACK_PACKAGE_VENDOR "Buying Process Mapper")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Buying Process Mapper maintainers")
set(CPACK_GENERATOR "TGZ;DEB")
# The shared-library scan adds what the programs link, among them libqpdf29 and libidn12 (a PDF
# password is encrypted with AES-256 through libqpdf after libidn's SASLprep).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Printing and PDF export draw with DejaVu Sans, a file the shared-library scan cannot see, and
# order right-to-left text with FriBidi (which the scan finds too). bpmap-cli loads libcairo when it
# first draws a picture (src/core/raster/cairo_library.h) and libfontconfig when text first needs a
# fallback font (src/core/render/fontconfig_library.h): the scan cannot see them either.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, libfribidi0, libfontconfig1, libcairo2")
# The Excel export loads libxlsxwriter when it first writes a workbook (src/core/xlsx/xlsxwriter_library.h):
# its package, libxlsxwriter4 for libxlsxwriter.so.4, is named after the soname found.
if(BPM_XLSXWRITER_DEBIAN_PACKAGE)
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", ${BPM_XLSXWRITER_DEBIAN_PACKAGE}")
endif()
# The AI assistant loads libcurl when first used (src/core/ai/curl_library.h); the scan cannot see it.
# The PDF draws Chinese, Japanese and Korean, and emoji, from these fonts when they are installed.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libcurl4 | libcurl4t64, fonts-wqy-microhei, fonts-symbola")
set(CPACK_DEBIAN_PACKAGE_SECTION "office")
include(CPack)
