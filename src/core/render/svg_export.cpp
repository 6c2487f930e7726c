#include "bpm/svg_export.h"

#include <cstdio>

#include <pugixml.hpp>

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

std::string hex(draw::colour c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

void set(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name).set_value(value.c_str());
}

// A paint attribute ("fill" or "stroke") with its opacity when the colour is not opaque.
void paint(pugi::xml_node node, const char* attribute, draw::colour c) {
    if (c.transparent()) {
        set(node, attribute, "none");
        return;
    }
    set(node, attribute, hex(c));
    if (c.a != 255) set(node, (std::string(attribute) + "-opacity").c_str(), num(c.a / 255.0));
}

class writer {
public:
    explicit writer(pugi::xml_node svg) : svg_(svg) {}

    void operator()(const draw::box& b) {
        pugi::xml_node rect = svg_.append_child("rect");
        set(rect, "x", num(b.area.x));
        set(rect, "y", num(b.area.y));
        set(rect, "width", num(b.area.w));
        set(rect, "height", num(b.area.h));
        if (b.corner_radius > 0) {
            set(rect, "rx", num(b.corner_radius));
            set(rect, "ry", num(b.corner_radius));
        }
        paint(rect, "fill", b.fill);
        paint(rect, "stroke", b.stroke);
        if (!b.stroke.transparent()) set(rect, "stroke-width", num(b.stroke_width));
    }

    void operator()(const draw::line& l) {
        pugi::xml_node line = svg_.append_child("line");
        set(line, "x1", num(l.from.x));
        set(line, "y1", num(l.from.y));
        set(line, "x2", num(l.to.x));
        set(line, "y2", num(l.to.y));
        paint(line, "stroke", l.stroke);
        set(line, "stroke-width", num(l.width));
        if (!l.arrow_head) return;
        std::string points;
        for (const draw::point& p : draw::arrow_head(l)) {
            if (!points.empty()) points += ' ';
            points += num(p.x) + "," + num(p.y);
        }
        pugi::xml_node head = svg_.append_child("polygon");
        set(head, "points", points);
        paint(head, "fill", l.stroke);
    }

    // One <tspan> per laid-out line, each placed on its own baseline, so that no renderer wraps
    // or joins lines; the font size is the one the layout measured with.
    void operator()(const draw::text& t) {
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
        pugi::xml_node text = svg_.append_child("text");
        set(text, "x", num(x));
        set(text, "y", num(first_baseline));
        set(text, "font-size", num(t.face.size));
        if (t.face.bold) set(text, "font-weight", "bold");
        set(text, "text-anchor", anchor);
        paint(text, "fill", t.ink);
        for (std::size_t i = 0; i < t.lines.size(); ++i) {
            const std::string& line = t.lines[i];
            pugi::xml_node span = text.append_child("tspan");
            if (!bidi::is_rtl(line)) {
                set(span, "x", num(x));
            } else {
                // The line stays in logical order: renderers apply the bidi algorithm themselves,
                // with the direction given here, in which text-anchor="start" is the right end.
                const draw::align a = draw::line_alignment(t.alignment, line);
                set(span, "x", num(a == draw::align::centre  ? t.area.x + t.area.w / 2
                                   : a == draw::align::right ? t.area.right()
                                                             : t.area.x));
                set(span, "direction", "rtl");
                set(span, "text-anchor", a == draw::align::centre ? "middle" : a == draw::align::right ? "start" : "end");
            }
            set(span, "y", num(first_baseline + static_cast<double>(i) * pitch));
            span.append_child(pugi::node_pcdata).set_value(strip_xml_invalid_chars(line).c_str());
        }
    }

private:
    pugi::xml_node svg_;
};

}  // namespace

result<std::string> to_svg(const draw::drawing& d, const progress_fn& progress) {
    pugi::xml_document doc;
    pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
    set(declaration, "version", "1.0");
    set(declaration, "encoding", "UTF-8");
    pugi::xml_node svg = doc.append_child("svg");
    set(svg, "xmlns", "http://www.w3.org/2000/svg");
    set(svg, "version", "1.1");
    set(svg, "width", num(d.width));
    set(svg, "height", num(d.height));
    set(svg, "viewBox", "0 0 " + num(d.width) + " " + num(d.height));
    // The family every text_measurer measures (draw::font); sans-serif only where it is missing.
    set(svg, "font-family", "DejaVu Sans, sans-serif");
    set(svg, "xml:space", "preserve");
    writer write(svg);
    for (std::size_t i = 0; i < d.items.size(); ++i) {
        std::visit(write, d.items[i]);
        if ((i % 1000 == 999 || i + 1 == d.items.size()) && !keep_going(progress, i + 1, d.items.size()))
            return result<std::string>::cancelled();
    }
    std::string out;
    struct to_string final : pugi::xml_writer {
        std::string& out;
        explicit to_string(std::string& o) : out(o) {}
        void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
    } sink(out);
    // Not indented: white space between the <tspan>s of a text would count as text, as
    // xml:space="preserve" keeps the spaces the layout measured.
    doc.save(sink, "", pugi::format_raw);
    return result<std::string>::success(std::move(out));
}

}  // namespace bpm
