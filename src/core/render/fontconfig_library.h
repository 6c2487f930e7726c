#pragma once
// Internal to the PDF export: fontconfig, loaded when text first needs a font DejaVu Sans lacks
// (or a warning names the packages that would draw it) rather than when the program starts.
// Linked the usual way, libfontconfig and the expat it brings cost every run of bpmap-cli
// 0.2 ms of CPU, fallback or not (a PDF export takes 19). Where libfontconfig is not a shared ELF
// library (macOS, Windows, a static build) it is linked as usual and load_fontconfig() hands out
// the linked functions. The editor has fontconfig loaded by GTK either way.

#include <fontconfig/fontconfig.h>

namespace bpm::pdf_detail {

// The fontconfig functions the PDF export calls, each named once here.
#define BPM_FONTCONFIG_FUNCTIONS(X) \
    X(FcCharSetAddChar) X(FcCharSetCreate) X(FcCharSetDestroy) X(FcCharSetHasChar) X(FcConfigSubstitute) \
    X(FcDefaultSubstitute) X(FcFontList) X(FcFontSetDestroy) X(FcFontSort) X(FcObjectSetBuild) \
    X(FcObjectSetDestroy) X(FcPatternAddBool) X(FcPatternAddCharSet) X(FcPatternAddString) X(FcPatternBuild) \
    X(FcPatternCreate) X(FcPatternDestroy) X(FcPatternGetCharSet) X(FcPatternGetInteger) X(FcPatternGetString)

/// The fontconfig functions, by their own names.
struct fontconfig_functions {
#define BPM_FONTCONFIG_SLOT(name) decltype(&::name) name = nullptr;
    BPM_FONTCONFIG_FUNCTIONS(BPM_FONTCONFIG_SLOT)
#undef BPM_FONTCONFIG_SLOT
};

/// fontconfig's functions, loaded at the first call (from any thread, once per process); null when
/// the library cannot be loaded, as if no font were installed besides those found by name.
const fontconfig_functions* load_fontconfig();

}  // namespace bpm::pdf_detail
