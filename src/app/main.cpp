#include "app.h"

wxIMPLEMENT_APP_NO_MAIN(BpmApp);

int main(int argc, char** argv) {
    const int answered = AnswerWithoutDisplay(argc, argv);
    if (answered >= 0) return answered;
    SkipOpenGlProbe();
    return wxEntry(argc, argv);
}
