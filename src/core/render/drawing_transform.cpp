#include "bpm/drawing_transform.h"

#include <algorithm>

namespace bpm::draw {

namespace {

point moved(point p, double scale, point offset) { return {p.x * scale + offset.x, p.y * scale + offset.y}; }

rect moved(const rect& r, double scale, point offset) {
    return {r.x * scale + offset.x, r.y * scale + offset.y, r.w * scale, r.h * scale};
}

struct transformer {
    double scale;
    point offset;

    item operator()(box b) const {
        b.area = moved(b.area, scale, offset);
        b.stroke_width *= scale;
        b.corner_radius *= scale;
        return b;
    }
    item operator()(line l) const {
        l.from = moved(l.from, scale, offset);
        l.to = moved(l.to, scale, offset);
        l.width *= scale;
        return l;
    }
    item operator()(text t) const {
        t.area = moved(t.area, scale, offset);
        t.face.size *= scale;
        return t;
    }
};

struct bounder {
    rect operator()(const box& b) const {
        // The stroke is centred on the edge, so half of it lies outside the rectangle.
        const double half = b.stroke.transparent() ? 0 : b.stroke_width / 2;
        return {b.area.x - half, b.area.y - half, b.area.w + 2 * half, b.area.h + 2 * half};
    }
    rect operator()(const line& l) const {
        double x0 = std::min(l.from.x, l.to.x), x1 = std::max(l.from.x, l.to.x);
        double y0 = std::min(l.from.y, l.to.y), y1 = std::max(l.from.y, l.to.y);
        if (l.arrow_head)
            for (point p : arrow_head(l)) {
                x0 = std::min(x0, p.x);
                x1 = std::max(x1, p.x);
                y0 = std::min(y0, p.y);
                y1 = std::max(y1, p.y);
            }
        const double half = l.width / 2;
        return {x0 - half, y0 - half, x1 - x0 + 2 * half, y1 - y0 + 2 * half};
    }
    rect operator()(const text& t) const { return t.area; }
};

}  // namespace

item transformed(const item& it, double scale, point offset) { return std::visit(transformer{scale, offset}, it); }

void embed(drawing& target, const drawing& source, double scale, point offset) {
    target.items.reserve(target.items.size() + source.items.size());
    for (const item& it : source.items) target.items.push_back(transformed(it, scale, offset));
}

rect bounds(const item& it) { return std::visit(bounder{}, it); }

}  // namespace bpm::draw
