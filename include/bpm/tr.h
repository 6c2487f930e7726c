#pragma once
// The _() marker for core and command-line code. Never include this from wxWidgets code,
// which has its own _(); the GUI routes bpm::translate through wxGetTranslation instead.

#include "bpm/i18n.h"

#ifndef _
#define _(msgid) ::bpm::translate(msgid)
#endif
#ifndef _n
#define _n(singular, plural, n) ::bpm::translate_plural(singular, plural, n)
#endif
