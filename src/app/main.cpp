#include "app.h"

wxIMPLEMENT_APP(BpmApp);
