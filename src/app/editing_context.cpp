#include "editing_context.h"

#include <algorithm>
#include <utility>

#include "bpm_document.h"

EditingContext::~EditingContext() {
    if (m_doc) m_doc->History().unsubscribe(m_historyToken);
}

EditingContext::Subscription EditingContext::Subscribe(Listener listener) { return m_listeners.Add(std::move(listener)); }

bool EditingContext::CanEdit() const { return m_doc && !m_doc->IsReadOnly(); }

const bpm::persona* EditingContext::GetPersona() const {
    return m_doc ? m_doc->Model().persona_by_id(m_personaId) : nullptr;
}

std::size_t EditingContext::GetPersonaIndex() const {
    return m_doc ? m_doc->Model().find_persona(m_personaId) : bpm::npos;
}

void EditingContext::ShowDocument(BpmDocument* doc) {
    if (doc == m_doc) return;
    if (m_doc) m_doc->History().unsubscribe(m_historyToken);
    m_doc = doc;
    m_historyToken = doc ? doc->History().subscribe([this](const bpm::change_set& changes) { OnHistoryChanges(changes); })
                         : 0;
    const bool any = doc && !doc->Model().personas.empty();
    m_personaId = any ? doc->Model().personas.front().id : std::string();
    m_stageId.clear();
    m_page = Page::Stages;
    Notify(DocumentChanged | PersonaChanged | StageChanged | PageChanged);
}

void EditingContext::SelectPersona(const std::string& personaId) {
    if (personaId == m_personaId) return;
    if (!personaId.empty() && (!m_doc || !m_doc->Model().persona_by_id(personaId))) return;
    CommitPendingEdits();
    m_personaId = personaId;
    m_stageId.clear();
    Notify(PersonaChanged | StageChanged);
}

void EditingContext::SelectStage(const std::string& stageId) {
    if (stageId == m_stageId) return;
    const bpm::persona* p = GetPersona();
    if (!stageId.empty() && (!p || !p->stage_by_id(stageId))) return;
    m_stageId = stageId;
    m_stageField.reset();
    Notify(StageChanged);
}

void EditingContext::SelectStageField(const std::string& stageId, bpm::stage_field field) {
    const bpm::persona* p = GetPersona();
    if (!p || !p->stage_by_id(stageId)) return;
    m_stageId = stageId;
    m_stageField = field;
    Notify(StageChanged);
}

void EditingContext::ShowPage(Page page) {
    if (page == m_page) return;
    m_page = page;
    Notify(PageChanged);
}

void EditingContext::ShowSummaryDraft(const std::string& personaId, const wxString& draft) {
    m_draftPersonaId = draft.empty() ? std::string() : personaId;
    m_draft = draft;
    Notify(SummaryDraftChanged);
}

void EditingContext::FocusPage(Page page) {
    const bool moved = page != m_page;
    m_page = page;
    Notify(FocusRequested | (moved ? PageChanged : 0u));
}

void EditingContext::CommitPendingEdits() {
    if (m_doc) m_doc->CommitPendingEdits();
}

void EditingContext::Notify(unsigned aspects) {
    m_pending |= aspects;
    if (m_notifying) return;
    m_notifying = true;
    while (m_pending != 0) {
        Notice notice;
        notice.aspects = std::exchange(m_pending, 0u);
        m_listeners.Call(notice);
    }
    m_notifying = false;
}

void EditingContext::OnHistoryChanges(const bpm::change_set& changes) {
    const bool replaced = std::any_of(changes.begin(), changes.end(), [](const bpm::change& c) {
        return c.what == bpm::change::kind::document_replaced;
    });
    if (replaced) {
        KeepSelectionOfReplacedMap();
        return;
    }
    // A merge replaced the content as an undoable step: told as an edit (the Edit menu, the
    // title and autosave follow it), then as a map replaced, since every panel shows new content.
    const bool merged = std::any_of(changes.begin(), changes.end(), [](const bpm::change& c) {
        return c.what == bpm::change::kind::content_replaced;
    });
    if (changes.size() == 1 && changes.front().what == bpm::change::kind::read_only_changed) {
        Notify(ReadOnlyChanged);
        return;
    }
    // Told at once (the notice lives only now); what subscribers select meanwhile is told after.
    Notice notice;
    notice.aspects = Edited;
    notice.edits = &changes;
    const bool outermost = !m_notifying;
    m_notifying = true;
    m_listeners.Call(notice);
    m_notifying = !outermost;
    if (outermost) Notify(0);
    if (merged) KeepSelectionOfReplacedMap();
    else FollowEdits(changes);
}

void EditingContext::KeepSelectionOfReplacedMap() {
    unsigned aspects = DocumentChanged | PersonaChanged | StageChanged;
    if (!GetPersona()) {
        const auto& personas = m_doc->Model().personas;
        m_personaId = personas.empty() ? std::string() : personas.front().id;
        m_stageId.clear();
        if (m_page != Page::Stages) aspects |= PageChanged;
        m_page = Page::Stages;
    }
    const bpm::persona* p = GetPersona();
    if (!p || !p->stage_by_id(m_stageId)) m_stageId.clear();
    Notify(aspects);
}

void EditingContext::FollowEdits(const bpm::change_set& changes) {
    std::string select;
    bool selectNone = false;
    for (const bpm::change& c : changes) {
        using kind = bpm::change::kind;
        if (c.what == kind::persona_added) {
            select = c.persona_id;
            selectNone = false;
        } else if (c.what == kind::persona_removed && c.persona_id == m_personaId) {
            const auto& personas = m_doc->Model().personas;
            select = personas.empty() ? std::string() : personas[std::min(c.index, personas.size() - 1)].id;
            selectNone = select.empty();
        } else if (c.what == kind::stage_removed && c.persona_id == m_personaId && c.stage_id == m_stageId) {
            m_stageId.clear();
            Notify(StageChanged);
        }
    }
    if (!select.empty() || selectNone) SelectPersona(select);
}
