# The placeholders test: every translatable message in the sources uses the catalogue's one
# placeholder syntax, {1}, {2}, ... (bpm::format in the core, FormatText in the editor), never a
# printf conversion such as %s or %lu, so translators see one syntax and may reorder arguments.
# Run as cmake -DSOURCE_DIR=... -P this.
cmake_policy(VERSION 3.21)
file(GLOB_RECURSE files ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.h ${SOURCE_DIR}/include/*.h)
set(problems "")
foreach(file IN LISTS files)
    file(STRINGS ${file} lines)
    set(number 0)
    foreach(line IN LISTS lines)
        math(EXPR number "${number} + 1")
        # A marked literal (_, _n, wxPLURAL, wxTRANSLATE) holding a printf conversion.
        if(line MATCHES "(_|_n|wxPLURAL|wxTRANSLATE)\\(\"[^\"]*%([0-9]+\\$)?[-+ #0-9]*(l|ll|z|h)?[sdiuf]")
            file(RELATIVE_PATH shown ${SOURCE_DIR} ${file})
            list(APPEND problems "${shown}:${number}: a printf placeholder in a translatable message (use {1}, {2}, ...)")
        endif()
    endforeach()
endforeach()
if(problems)
    list(JOIN problems "\n" text)
    message(FATAL_ERROR "${text}")
endif()
