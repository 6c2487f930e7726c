# `cmake --build build/default --target pot` regenerates i18n/bpmap.pot from every marked string.
find_program(XGETTEXT_EXECUTABLE xgettext)
if(XGETTEXT_EXECUTABLE)
    file(GLOB_RECURSE BPM_I18N_SOURCES RELATIVE ${PROJECT_SOURCE_DIR}
         ${PROJECT_SOURCE_DIR}/src/*.cpp ${PROJECT_SOURCE_DIR}/src/*.h ${PROJECT_SOURCE_DIR}/include/*.h)
    list(SORT BPM_I18N_SOURCES)
    add_custom_target(pot
        COMMAND ${XGETTEXT_EXECUTABLE} --language=C++ --from-code=UTF-8
                --keyword=_ --keyword=_n:1,2 --keyword=wxPLURAL:1,2 --keyword=wxTRANSLATE
                --keyword=wxGETTEXT_IN_CONTEXT:1c,2 --add-comments=TRANSLATORS:
                --package-name=bpmap --package-version=${PROJECT_VERSION}
                --sort-by-file --no-wrap
                -o ${PROJECT_SOURCE_DIR}/i18n/bpmap.pot ${BPM_I18N_SOURCES}
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "Regenerating i18n/bpmap.pot"
        VERBATIM)
endif()
