#include "persona_commands.h"

#include <functional>

#include <wx/event.h>
#include <wx/translation.h>

#include "bpm/completeness.h"
#include "bpm/edit.h"
#include "bpm/history.h"
#include "bpm_document.h"
#include "command_ids.h"
#include "editing_context.h"
#include "wx_string.h"

namespace {

using Page = EditingContext::Page;

void AddPersona(EditingContext& context) {
    BpmDocument* doc = context.GetDocument();
    if (!doc) return;
    context.CommitPendingEdits();
    bpm::persona p;
    p.id = doc->Model().new_persona_id();
    p.name = ToUtf8(_("New Persona"));
    const std::size_t selected = context.GetPersonaIndex();
    const std::size_t index = selected == bpm::npos ? doc->Model().personas.size() : selected + 1;
    const std::string id = p.id;
    bpm::batch batch(doc->History(), ToUtf8(_("Add New Persona")));
    batch.submit(bpm::insert_persona(index, std::move(p)));
    bpm::apply_standard_stages(batch, id);
    batch.push();
    context.FocusPage(Page::Persona);
}

void DeletePersona(EditingContext& context) {
    if (!context.GetPersona()) return;
    context.CommitPendingEdits();
    context.GetDocument()->Submit(bpm::remove_persona(context.GetPersonaId()));
}

void MovePersona(EditingContext& context, bool up) {
    const std::size_t index = context.GetPersonaIndex();
    if (index == bpm::npos || (up && index == 0)) return;
    context.GetDocument()->Submit(bpm::move_persona(context.GetPersonaId(), up ? index - 1 : index + 1));
}

void SetStatus(EditingContext& context, bpm::persona_status status) {
    if (!context.GetPersona()) return;
    context.CommitPendingEdits();
    context.GetDocument()->Submit(bpm::set_status(context.GetPersonaId(), status));
}

void UpdatePersonaCommand(const EditingContext& context, wxUpdateUIEvent& event) {
    const BpmDocument* doc = context.GetDocument();
    const bpm::persona* p = context.GetPersona();
    const std::size_t index = context.GetPersonaIndex();
    // Opening the form only shows the persona; every other command changes the map.
    if (event.GetId() != ID_PERSONA_EDIT && !context.CanEdit()) {
        event.Enable(false);
        return;
    }
    switch (event.GetId()) {
        case ID_PERSONA_ADD: event.Enable(doc != nullptr); break;
        case ID_PERSONA_MOVE_UP: event.Enable(p && index > 0); break;
        case ID_PERSONA_MOVE_DOWN: event.Enable(p && index + 1 < doc->Model().personas.size()); break;
        case ID_PERSONA_FINISH: event.Enable(p && p->status != bpm::persona_status::completed); break;
        case ID_PERSONA_REOPEN: event.Enable(p && p->status == bpm::persona_status::completed); break;
        case ID_PERSONA_SETTLE_STATUS: event.Enable(p && bpm::status_fit_of(*p) != bpm::status_fit::agrees); break;
        default: event.Enable(p != nullptr);
    }
}

}  // namespace

void BindPersonaCommands(wxEvtHandler& handler, EditingContext& context) {
    const auto command = [&handler](int id, std::function<void()> run) {
        const auto call = [run](wxCommandEvent&) { run(); };
        handler.Bind(wxEVT_MENU, call, id);
        handler.Bind(wxEVT_BUTTON, call, id);
    };
    EditingContext* const c = &context;
    command(ID_PERSONA_ADD, [c] { AddPersona(*c); });
    command(ID_PERSONA_DELETE, [c] { DeletePersona(*c); });
    command(ID_PERSONA_MOVE_UP, [c] { MovePersona(*c, true); });
    command(ID_PERSONA_MOVE_DOWN, [c] { MovePersona(*c, false); });
    command(ID_PERSONA_FINISH, [c] { SetStatus(*c, bpm::persona_status::completed); });
    command(ID_PERSONA_REOPEN, [c] { SetStatus(*c, bpm::persona_status::in_progress); });
    command(ID_PERSONA_SETTLE_STATUS, [c] {
        if (const bpm::persona* p = c->GetPersona()) SetStatus(*c, bpm::settled_status(*p));
    });
    command(ID_PERSONA_EDIT, [c] {
        if (c->GetPersona()) c->FocusPage(Page::Persona);
    });
    // Generate Summary (the last of the range) is the frame's: it may go to the AI assistant.
    handler.Bind(wxEVT_UPDATE_UI, [c](wxUpdateUIEvent& event) { UpdatePersonaCommand(*c, event); }, ID_PERSONA_ADD,
                 ID_SUMMARY_GENERATE);
}
