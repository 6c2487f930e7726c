#include "app.h"

wxIMPLEMENT_APP_NO_MAIN(BpmApp);

int main(int argc, char** argv) {
    const int answered = AnswerWithoutDisplay(argc, argv);
    return answered >= 0 ? answered : wxEntry(argc, argv);
}
