#include "bpm/svg_export.h"

#include <cstdio>

#include "bpm/bidi.h"
#include "bpm/utf8.h"

namespace bpm {

namespace {

// Shortest decimal form that keeps a hundredth of a unit, so that files stay small and stable.
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

std::string escaped(std::string_view text) {
    const std::string clean = strip_xml_invalid_chars(text);
    std::string out;
    out.reserve(clean.size());
    for (char c : clean) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string hex(draw::colour c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

// A paint attribute ("fill" or "stroke") with its opacity when the colour is not opaque.
std::string paint(const char* attribute, draw::colour c) {
    if (c.transparent()) return std::string(" ") + attribute + "=\"none\"";
    std::string out = std::string(" ") + attribute + "=\"" + hex(c) + "\"";
    if (c.a != 255) out += std::string(" ") + attribute + "-opacity=\"" + num(c.a / 255.0) + "\"";
    return out;
}

void write(std::string& out, const draw::box& b) {
    out += "<rect x=\"" + num(b.area.x) + "\" y=\"" + num(b.area.y) + "\" width=\"" + num(b.area.w) + "\" height=\"" +
           num(b.area.h) + "\"";
    if (b.corner_radius > 0) out += " rx=\"" + num(b.corner_radius) + "\" ry=\"" + num(b.corner_radius) + "\"";
    out += paint("fill", b.fill) + paint("stroke", b.stroke);
    if (!b.stroke.transparent()) out += " stroke-width=\"" + num(b.stroke_width) + "\"";
    out += "/>\n";
}

void write(std::string& out, const draw::line& l) {
    out += "<line x1=\"" + num(l.from.x) + "\" y1=\"" + num(l.from.y) + "\" x2=\"" + num(l.to.x) + "\" y2=\"" +
           num(l.to.y) + "\"" + paint("stroke", l.stroke) + " stroke-width=\"" + num(l.width) + "\"/>\n";
    if (!l.arrow_head) return;
    out += "<polygon points=\"";
    bool first = true;
    for (const draw::point& p : draw::arrow_head(l)) {
        if (!first) out += ' ';
        first = false;
        out += num(p.x) + "," + num(p.y);
    }
    out += "\"" + paint("fill", l.stroke) + "/>\n";
}

void write(std::string& out, const draw::text& t) {
    if (t.lines.empty()) return;
    const char* anchor = "start";
    double x = t.area.x;
    if (t.alignment == draw::align::centre) {
        anchor = "middle";
        x = t.area.x + t.area.w / 2;
    } else if (t.alignment == draw::align::right) {
        anchor = "end";
        x = t.area.right();
    }
    const double pitch = t.face.size * 1.25;
    // The baseline of a line sits about 0.8 em below the top of its glyphs, and the glyphs are
    // centred in the line's pitch.
    const double first_baseline = t.area.y + (pitch - t.face.size) / 2 + 0.8 * t.face.size;
    out += "<text x=\"" + num(x) + "\" y=\"" + num(first_baseline) + "\" font-size=\"" + num(t.face.size) + "\"";
    if (t.face.bold) out += " font-weight=\"bold\"";
    out += std::string(" text-anchor=\"") + anchor + "\"" + paint("fill", t.ink) + ">";
    for (std::size_t i = 0; i < t.lines.size(); ++i) {
        const std::string y = num(first_baseline + static_cast<double>(i) * pitch);
        if (!bidi::is_rtl(t.lines[i])) {
            out += "<tspan x=\"" + num(x) + "\" y=\"" + y + "\">" + escaped(t.lines[i]) + "</tspan>";
            continue;
        }
        // The line stays in logical order: renderers apply the bidi algorithm themselves, with
        // the direction given here, in which text-anchor="start" is the right end.
        const draw::align a = draw::line_alignment(t.alignment, t.lines[i]);
        const double at = a == draw::align::centre ? t.area.x + t.area.w / 2 : a == draw::align::right ? t.area.right() : t.area.x;
        const char* rtl_anchor = a == draw::align::centre ? "middle" : a == draw::align::right ? "start" : "end";
        out += "<tspan x=\"" + num(at) + "\" y=\"" + y + "\" direction=\"rtl\" text-anchor=\"" + rtl_anchor + "\">" +
               escaped(t.lines[i]) + "</tspan>";
    }
    out += "</text>\n";
}

}  // namespace

result<std::string> to_svg(const draw::drawing& d, const progress_fn& progress) {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(d.width) + "\" height=\"" +
           num(d.height) + "\" viewBox=\"0 0 " + num(d.width) + " " + num(d.height) + "\"";
    out += " font-family=\"DejaVu Sans, sans-serif\" xml:space=\"preserve\">\n";
    for (std::size_t i = 0; i < d.items.size(); ++i) {
        std::visit([&out](const auto& x) { write(out, x); }, d.items[i]);
        if ((i % 1000 == 999 || i + 1 == d.items.size()) && !keep_going(progress, i + 1, d.items.size()))
            return result<std::string>::cancelled();
    }
    out += "</svg>\n";
    return result<std::string>::success(std::move(out));
}

}  // namespace bpm
