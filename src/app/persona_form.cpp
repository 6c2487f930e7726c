#include "persona_form.h"

#include <algorithm>

#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "accessibility.h"
#include "bpm/completeness.h"
#include "bpm/conflict_edit.h"
#include "conflicts_ui.h"
#include "pain_point_tags.h"
#include "persona_status_ui.h"
#include "ui_text.h"
#include "wx_string.h"

namespace {

// Narrowest form, in DIPs, that shows the profile fields two pairs a row.
constexpr int two_column_width = 640;

std::string PersonaText(const bpm::persona& p, bpm::persona_field field) {
    switch (field) {
        case bpm::persona_field::name: return p.name;
        case bpm::persona_field::created_by: return p.created_by;
        case bpm::persona_field::role: return p.profile.role;
        case bpm::persona_field::organisation: return p.profile.organisation;
        case bpm::persona_field::segment: return p.profile.segment;
        case bpm::persona_field::success_metric: return p.profile.success_metric;
    }
    return {};
}

}  // namespace

PersonaForm::PersonaForm(wxWindow* parent, EditingContext& context)
    : wxScrolledWindow(parent, wxID_ANY),
      m_context(context),
      m_statusRefresh(context, EditingContext::Page::Persona, [this] { UpdateStatusLine(); }) {
    SetAccessibleName(this, _("Persona form"));
    // Scrolls both ways: the fields reflow to one column when narrow, and what still does not
    // fit scrolls rather than being cut off.
    SetScrollRate(FromDIP(12), FromDIP(12));
    KeepScrollBarsVisible(this);
    const int gap = FromDIP(12);

    auto* title = NewHeading(this, _("Buyer persona"), 1.4);
    m_status = NewNote(this, wxString());
    m_wrapped.emplace_back(m_status, wxString());

    auto* profile = new wxFlexGridSizer(4, FromDIP(wxSize(12, 10)));
    m_profile = profile;
    profile->AddGrowableCol(1, 1);
    profile->AddGrowableCol(3, 1);
    const auto label = [&](const wxString& text) {
        profile->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
    };
    auto* nameRow = new wxBoxSizer(wxHORIZONTAL);
    auto* nameLabel = new wxStaticText(this, wxID_ANY, _("&Name:"));
    nameRow->Add(nameLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    nameRow->Add(AddField(this, bpm::persona_field::name, _("e.g. Small Business Owner, Enterprise IT Manager")), 1,
                 wxALIGN_CENTER_VERTICAL);
    GetField(bpm::persona_field::name)->SetFont(GetFont().Scaled(1.15f));

    label(_("&Role:"));
    profile->Add(AddField(this, bpm::persona_field::role, _("e.g. E-commerce Director")), 1, wxEXPAND);
    label(_("&Organisation:"));
    profile->Add(AddField(this, bpm::persona_field::organisation, _("e.g. Mid-size online retailer")), 1, wxEXPAND);
    label(_("&Segment:"));
    profile->Add(AddField(this, bpm::persona_field::segment, _("e.g. Mid-market")), 1, wxEXPAND);
    label(_("Success &metric:"));
    profile->Add(AddField(this, bpm::persona_field::success_metric, _("e.g. Conversion rate")), 1, wxEXPAND);

    m_painPoints = new PainPointTags(this);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(title, 0, wxLEFT | wxRIGHT | wxTOP, gap);
    sizer->AddSpacer(gap / 3);
    sizer->Add(m_status, 0, wxLEFT | wxRIGHT, gap);
    sizer->AddSpacer(gap * 3 / 2);
    sizer->Add(nameRow, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    sizer->AddSpacer(gap);
    sizer->Add(profile, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    sizer->AddSpacer(gap * 2);
    sizer->Add(NewHeading(this, _("Pain points"), 1.15), 0, wxLEFT | wxRIGHT, gap);
    const wxString painHelp = _("What challenges, problems or frustrations does your product or service solve for "
                                "them? Financial, productivity, process or support pain points.");
    auto* painExplanation = NewNote(this, painHelp);
    m_wrapped.emplace_back(painExplanation, painHelp);
    sizer->AddSpacer(gap / 3);
    sizer->Add(painExplanation, 0, wxLEFT | wxRIGHT, gap);
    sizer->AddSpacer(gap);
    sizer->Add(m_painPoints, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizer(sizer);
    // The name label's width lines the name up with the profile fields below.
    nameLabel->SetMinSize({std::max(nameLabel->GetBestSize().x, FromDIP(110)), -1});
    profile->SetItemMinSize(static_cast<size_t>(0), nameLabel->GetMinSize());

    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        // Two label-and-field pairs a row when there is room for both, else one.
        const int columns = event.GetSize().x >= FromDIP(two_column_width) ? 4 : 2;
        if (m_profile->GetCols() != columns) {
            if (columns == 2) m_profile->RemoveGrowableCol(3);
            m_profile->SetCols(columns);
            if (columns == 4) m_profile->AddGrowableCol(3, 1);
        }
        // Wrap the explanations to the width so nothing runs off the right edge.
        for (const auto& [text, label] : m_wrapped) WrapLabel(text, label, event.GetSize().x);
        FitInside();
        event.Skip();
    });
    m_subscription = m_context.Subscribe([this](const EditingContext::Notice& notice) { OnNotice(notice); });
}

void PersonaForm::OnNotice(const EditingContext::Notice& notice) {
    if (notice.Has(EditingContext::DocumentChanged)) m_doc = m_context.GetDocument();
    if (notice.Has(EditingContext::DocumentChanged) || notice.Has(EditingContext::PersonaChanged))
        ShowPersona(m_context.GetPersonaId());
    else if (notice.Has(EditingContext::Edited))
        OnChanges(*notice.edits);
    else if (notice.Has(EditingContext::ReadOnlyChanged))
        ShowPersona(m_personaId);
    m_statusRefresh.Follow(notice);
    if (notice.Has(EditingContext::FocusRequested) && m_context.GetPage() == EditingContext::Page::Persona) {
        if (wxTextCtrl* name = GetField(bpm::persona_field::name)) {
            name->SetFocus();
            name->SelectAll();
        }
    }
}

wxTextCtrl* PersonaForm::AddField(wxWindow* parent, bpm::persona_field field, const wxString& hint) {
    const std::size_t i = static_cast<std::size_t>(std::find(fields.begin(), fields.end(), field) - fields.begin());
    auto* text = new wxTextCtrl(parent, wxID_ANY);
    text->SetHint(hint);
    SetAccessibleName(text, ToWx(bpm::persona_field_title(field)));
    m_fields[i] = text;
    // Each keystroke is submitted. Typing on in the field extends one undo step; the first
    // keystroke after the focus came back starts a new one.
    text->Bind(wxEVT_TEXT, [this, field, text](wxCommandEvent&) {
        if (!m_doc || !Persona()) return;
        const bpm::merge how = m_typingIn == text ? bpm::merge::typing : bpm::merge::start_typing;
        m_typingIn = text;
        // Typing in a conflicted field settles the conflict with what is typed, in the same step
        // (as every edit of a field does).
        m_doc->Submit(bpm::set_persona_field(m_personaId, field, ToUtf8(text->GetValue())), how);
    });
    text->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& event) {
        m_typingIn = nullptr;
        event.Skip();
    });
    return text;
}

wxTextCtrl* PersonaForm::GetField(bpm::persona_field field) const {
    const auto it = std::find(fields.begin(), fields.end(), field);
    return it == fields.end() ? nullptr : m_fields[static_cast<std::size_t>(it - fields.begin())];
}

const bpm::persona* PersonaForm::Persona() const {
    return m_doc ? m_doc->Model().persona_by_id(m_personaId) : nullptr;
}

void PersonaForm::ShowPersona(const std::string& personaId) {
    m_personaId = personaId;
    ShowValues();
    m_painPoints->ShowPersona(m_doc, personaId, m_context.CanEdit());
    Scroll(0, 0);
}

void PersonaForm::ShowValues() {
    const bpm::persona* p = Persona();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const wxString value = p ? ToWx(PersonaText(*p, fields[i])) : wxString();
        // Only a different value is set, so the caret stays where the user is typing.
        if (m_fields[i]->GetValue() != value) m_fields[i]->ChangeValue(value);
        m_fields[i]->Enable(p != nullptr);
        // Read-only fields still select and copy.
        m_fields[i]->SetEditable(m_context.CanEdit());
        const std::size_t conflict =
            p && m_doc ? bpm::find_field_conflict(m_doc->Model(), m_personaId, "", bpm::persona_field_conflict_key(fields[i]))
                       : bpm::npos;
        MarkConflictedText(m_fields[i], conflict == bpm::npos ? nullptr : &m_doc->Model().conflicts[conflict]);
    }
    m_statusRefresh.Request();
}

void PersonaForm::UpdateStatusLine() {
    const bpm::persona* p = Persona();
    wxString line = _("Select a persona in the list, or add one.");
    if (p) {
        const bpm::field_count filled = bpm::filled_stage_fields(*p);
        // TRANSLATORS: e.g. "In progress - 14 of 21 stage fields filled"
        line = FormatText(_("{1} - {2} of {3} stage fields filled"), StatusBadgeText(*p), filled.filled, filled.total);
        if (!p->last_updated_at.empty())
            line << " - " << FormatText(_("last updated {1}"), bpm::readable_timestamp(p->last_updated_at));
        const wxString disagreement = StatusDisagreement(*p);
        if (!disagreement.empty()) line << "\n" << disagreement << " " << _("Persona \u25B8 Match Status to Stages settles it.");
    }
    // Relabelling makes GTK lay the window out again; after most edits the line is the same.
    for (auto& [text, label] : m_wrapped)
        if (text == m_status && label != line) {
            label = line;
            WrapLabel(m_status, line, GetClientSize().x);
        }
}

void PersonaForm::WrapLabel(wxStaticText* text, const wxString& label, int formWidth) {
    text->SetLabel(label);
    text->Wrap(std::max(formWidth - FromDIP(24), FromDIP(200)));
}

void PersonaForm::OnChanges(const bpm::change_set& changes) {
    bool values = false, painPoints = false, status = false;
    for (const bpm::change& c : changes) {
        if (c.what == bpm::change::kind::conflicts_changed) values = true;
        if (c.persona_id != m_personaId) continue;
        using kind = bpm::change::kind;
        switch (c.what) {
            case kind::persona_field: values = true; break;
            case kind::pain_points: painPoints = true; break;
            case kind::persona_removed: break;
            default: status = true; break;
        }
    }
    if (values) ShowValues();
    else if (status) m_statusRefresh.Request();
    if (painPoints) m_painPoints->Reload();
}
