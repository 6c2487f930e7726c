#pragma once
// Internal to the xlsx layer: libxlsxwriter, loaded when the first workbook is written rather than
// when the program starts. Linked the usual way, libxlsxwriter.so.4 and what it brings (libminizip,
// libcrypto) cost every run of bpmap-cli 5.2 million instructions before main(), 2.5 times what
// `bpmap-cli --version` takes in all. Where libxlsxwriter is not a shared ELF library (macOS,
// Windows, a static build) it is linked as usual and load_xlsxwriter() hands out the linked functions.

#include <xlsxwriter.h>

#include "bpm/diagnostic.h"

namespace bpm::xlsx_detail {

// The libxlsxwriter functions the export calls, each named once here.
#define BPM_XLSXWRITER_FUNCTIONS(X) \
    X(workbook_new_opt) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_set_properties) \
    X(workbook_close) X(lxw_workbook_free) X(format_set_bold) X(format_set_text_wrap) X(format_set_align) \
    X(format_set_bg_color) X(format_set_bottom) X(worksheet_write_string) X(worksheet_write_number) \
    X(worksheet_set_column) X(worksheet_set_row) X(worksheet_freeze_panes) X(lxw_strerror)

/// The libxlsxwriter functions, by their own names.
struct xlsxwriter_functions {
#define BPM_XLSXWRITER_SLOT(name) decltype(&::name) name = nullptr;
    BPM_XLSXWRITER_FUNCTIONS(BPM_XLSXWRITER_SLOT)
#undef BPM_XLSXWRITER_SLOT
};

/// libxlsxwriter's functions, loaded at the first call (from any thread, once per process); fails
/// with a one-line message naming the library when it cannot be loaded.
const result<const xlsxwriter_functions*>& load_xlsxwriter();

}  // namespace bpm::xlsx_detail
