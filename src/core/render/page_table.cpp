#include <algorithm>
#include <array>
#include <cmath>

#include "page_flow.h"

namespace bpm::layout {

namespace {

using draw::font;

constexpr std::size_t columns = all_stage_fields.size();
constexpr double cell_pad = 5;

const font header_font{9, true};
const font name_font{9, true};
const font cell_font{9, false};

constexpr draw::colour zebra{246, 248, 251};

const font& column_font(std::size_t c) { return c == 0 ? name_font : cell_font; }

struct table_row {
    std::array<std::string, columns> text;
    std::array<bool, columns> empty{};
    std::array<std::vector<std::string>, columns> lines;
};

// The widest word and the widest paragraph of a text, as a table's narrowest and natural widths.
void widen(const std::string& text, const font& f, const draw::text_measurer& m, double& narrowest, double& natural) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        const std::string_view para(text.data() + start, nl - start);
        natural = std::max(natural, m.width(para, f));
        std::size_t w = 0;
        while (w < para.size()) {
            std::size_t end = para.find(' ', w);
            if (end == std::string_view::npos) end = para.size();
            narrowest = std::max(narrowest, m.width(para.substr(w, end - w), f));
            w = end + 1;
        }
        start = nl + 1;
    }
}

// Column widths as a browser's automatic table layout does it: every column gets at least its
// widest word (within reason), and the rest of the width is shared in proportion to how much
// more each column would need to show its text on one line. No column counts as needing more
// than two fifths of the table, so that one wordy column cannot squeeze the others to a word.
std::array<double, columns> column_widths(const std::array<std::string, columns>& titles,
                                          const std::vector<table_row>& rows, double total,
                                          const draw::text_measurer& m) {
    std::array<double, columns> narrowest{}, natural{};
    for (std::size_t c = 0; c < columns; ++c) {
        widen(titles[c], header_font, m, narrowest[c], natural[c]);
        for (const table_row& r : rows) widen(r.text[c], column_font(c), m, narrowest[c], natural[c]);
        narrowest[c] = std::min(narrowest[c], total / 5) + 2 * cell_pad;
        natural[c] = std::max(std::min(natural[c], total * 2 / 5) + 2 * cell_pad, narrowest[c]);
    }
    double sum_narrowest = 0, sum_natural = 0;
    for (std::size_t c = 0; c < columns; ++c) {
        sum_narrowest += narrowest[c];
        sum_natural += natural[c];
    }
    std::array<double, columns> widths{};
    for (std::size_t c = 0; c < columns; ++c) {
        if (sum_natural <= total)
            widths[c] = natural[c] * total / sum_natural;
        else if (sum_narrowest >= total)
            widths[c] = narrowest[c] * total / sum_narrowest;
        else
            widths[c] = narrowest[c] + (natural[c] - narrowest[c]) * (total - sum_narrowest) / (sum_natural - sum_narrowest);
    }
    return widths;
}

double row_height(const std::array<std::vector<std::string>, columns>& lines, const draw::text_measurer& m) {
    double h = 0;
    for (std::size_t c = 0; c < columns; ++c) h = std::max(h, lines_height(m, column_font(c), lines[c].size()));
    return h + 2 * cell_pad;
}

class table_writer {
public:
    table_writer(page_flow& flow, std::array<std::string, columns> titles, std::array<double, columns> widths)
        : flow_(flow), titles_(std::move(titles)), widths_(widths) {}

    void start_page(bool first) {
        const std::string heading = format(_("Buying stages: {1}"), flow_.name());
        flow_.start(page_kind::stage_table, first ? heading : continued_heading(heading));
        // Three lines at most, so that columns too narrow for their titles leave room for rows.
        std::array<std::vector<std::string>, columns> lines;
        for (std::size_t c = 0; c < columns; ++c)
            lines[c] = draw::wrap_text(titles_[c], inner(c), header_font, flow_.measurer(), 3);
        const double h = row_height(lines, flow_.measurer());
        flow_.picture().items.push_back(draw::box{{flow_.left(), flow_.y(), flow_.width(), h}, accent, {0, 0, 0, 0}, 0, 0});
        place(lines, header_font, {}, false);
        flow_.advance(h);
        rows_on_page_ = 0;
    }

    // Places a row, moving to a new page when it does not fit; a row taller than a whole page is
    // split between lines, so that no text is lost, at least one line of each column a page, so
    // that it ends however little room a page has.
    void add(const table_row& row, bool striped) {
        std::array<std::vector<std::string>, columns> rest = row.lines;
        for (;;) {
            const double h = row_height(rest, flow_.measurer());
            if (h > flow_.remaining() && rows_on_page_ > 0) {
                start_page(false);
                continue;
            }
            if (h <= flow_.remaining()) {
                emit(rest, row.empty, striped);
                return;
            }
            std::array<std::vector<std::string>, columns> part;
            bool more = false;
            for (std::size_t c = 0; c < columns; ++c) {
                const double lh = flow_.measurer().line_height(column_font(c));
                const double room = std::floor((flow_.remaining() - 2 * cell_pad) / lh);  // lines that fit
                std::size_t take = rest[c].size();
                if (!(room >= static_cast<double>(take))) take = std::min(take, room > 1 ? static_cast<std::size_t>(room) : 1);
                const auto cut = rest[c].begin() + static_cast<std::ptrdiff_t>(take);
                part[c].assign(rest[c].begin(), cut);
                rest[c].erase(rest[c].begin(), cut);
                more = more || !rest[c].empty();
            }
            emit(part, row.empty, striped);
            if (!more) return;
            start_page(false);
        }
    }

private:
    double inner(std::size_t c) const { return widths_[c] - 2 * cell_pad; }

    void emit(const std::array<std::vector<std::string>, columns>& lines, const std::array<bool, columns>& empty,
              bool striped) {
        const double h = row_height(lines, flow_.measurer());
        draw::drawing& d = flow_.picture();
        if (striped) d.items.push_back(draw::box{{flow_.left(), flow_.y(), flow_.width(), h}, zebra, {0, 0, 0, 0}, 0, 0});
        place(lines, cell_font, empty, true);
        d.items.push_back(draw::line{{flow_.left(), flow_.y() + h}, {flow_.left() + flow_.width(), flow_.y() + h},
                                     hairline, 0.5, false});
        flow_.advance(h);
        ++rows_on_page_;
    }

    void place(const std::array<std::vector<std::string>, columns>& lines, const font& f,
               const std::array<bool, columns>& empty, bool body) {
        double x = flow_.left();
        for (std::size_t c = 0; c < columns; ++c) {
            const font& face = body ? column_font(c) : f;
            const draw::colour c_ink = !body ? white : empty[c] ? faint : ink;
            put_text(flow_.picture(), flow_.measurer(), x + cell_pad, flow_.y() + cell_pad, inner(c), lines[c], face, c_ink);
            x += widths_[c];
        }
    }

    page_flow& flow_;
    std::array<std::string, columns> titles_;
    std::array<double, columns> widths_;
    std::size_t rows_on_page_ = 0;
};

}  // namespace

void layout_stage_table(page_flow& flow) {
    const persona& p = flow.who();
    const draw::text_measurer& m = flow.measurer();
    std::array<std::string, columns> titles;
    for (std::size_t c = 0; c < columns; ++c) titles[c] = stage_field_title(all_stage_fields[c]);

    std::vector<table_row> rows(p.stages.size());
    for (std::size_t i = 0; i < p.stages.size(); ++i)
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string_view value = trim(p.stages[i].field(all_stage_fields[c]));
            rows[i].empty[c] = value.empty();
            rows[i].text[c] = value.empty() ? std::string(empty_mark) : std::string(value);
        }
    const std::array<double, columns> widths = column_widths(titles, rows, flow.width(), m);
    for (table_row& r : rows)
        for (std::size_t c = 0; c < columns; ++c)
            r.lines[c] = draw::wrap_text(r.text[c], widths[c] - 2 * cell_pad, column_font(c), m);

    table_writer table(flow, titles, widths);
    table.start_page(true);
    if (rows.empty()) {
        flow.advance(6);
        flow.advance(put_text(flow.picture(), m, flow.left(), flow.y(), flow.width(),
                              draw::wrap_text(_("No buying stages mapped yet."), flow.width(), cell_font, m),
                              cell_font, faint));
        return;
    }
    for (std::size_t i = 0; i < rows.size(); ++i) table.add(rows[i], i % 2 == 1);
}

}  // namespace bpm::layout
