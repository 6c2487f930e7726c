#include "journey_text.h"

#include <functional>
#include <unordered_map>

#include "bpm/utf8.h"

namespace bpm {

// Each piece of text kept under what was asked of it: which way to fit it, the text, the room
// and the font.
struct journey_cache::store {
    enum class kind : unsigned char { width, wrap, elide, segment };
    struct key {
        kind what;
        std::string text;
        double width;
        draw::font face;
        std::size_t max_lines;
        bool operator==(const key& o) const {
            return what == o.what && width == o.width && face == o.face && max_lines == o.max_lines && text == o.text;
        }
    };
    struct key_hash {
        std::size_t operator()(const key& k) const {
            std::size_t h = std::hash<std::string>()(k.text);
            for (std::size_t part : {std::hash<double>()(k.width), std::hash<double>()(k.face.size),
                                     static_cast<std::size_t>(k.face.bold), k.max_lines, static_cast<std::size_t>(k.what)})
                h ^= part + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
            return h;
        }
    };
    struct entry {
        double width = 0;
        std::vector<std::string> lines;
        unsigned long used = 0;  // the layout that last used it
    };

    // The entry kept for k, filled by fill() when there was none.
    const entry& at(key k, const std::function<void(entry&)>& fill) {
        auto [it, added] = entries.try_emplace(std::move(k));
        if (added) fill(it->second);
        it->second.used = layout;
        return it->second;
    }
    // The lines kept for k, or those fit() gives, kept from now on.
    const std::vector<std::string>& lines(key k, const std::function<std::vector<std::string>()>& fit) {
        return at(std::move(k), [&](entry& e) { e.lines = fit(); }).lines;
    }

    std::unordered_map<key, entry, key_hash> entries;
    unsigned long layout = 0;  // counts the layouts that used this store
};

journey_cache::journey_cache() : store_(std::make_unique<store>()) {}
journey_cache::~journey_cache() = default;

void journey_cache::clear() { store_->entries.clear(); }

journey_text::journey_text(const draw::text_measurer& m, journey_cache* cache) : m_(m), cache_(cache) {
    if (cache_) ++cache_->store_->layout;
}

journey_text::~journey_text() {
    if (!cache_) return;
    // Text of cards since edited or deleted, and of another persona shown before.
    journey_cache::store& s = *cache_->store_;
    for (auto it = s.entries.begin(); it != s.entries.end();)
        it = it->second.used == s.layout ? std::next(it) : s.entries.erase(it);
}

double journey_text::width(std::string_view text, const draw::font& f) const {
    if (!cache_) return m_.width(text, f);
    using store = journey_cache::store;
    return cache_->store_->at({store::kind::width, std::string(text), 0, f, 0}, [&](store::entry& e) {
        e.width = m_.width(text, f);
    }).width;
}

std::vector<std::string> journey_text::wrap(std::string_view text, double max_width, const draw::font& f,
                                            std::size_t max_lines) const {
    const auto fit = [&] { return draw::wrap_text(text, max_width, f, m_, max_lines); };
    if (!cache_) return fit();
    using store = journey_cache::store;
    return cache_->store_->lines({store::kind::wrap, std::string(text), max_width, f, max_lines}, fit);
}

std::string journey_text::elide(std::string_view line, double max_width, const draw::font& f) const {
    if (!cache_) return draw::elide(line, max_width, f, m_);
    using store = journey_cache::store;
    return cache_->store_
        ->lines({store::kind::elide, std::string(line), max_width, f, 1},
                [&] { return std::vector<std::string>{draw::elide(line, max_width, f, m_)}; })
        .front();
}

std::string journey_text::segment_label(const std::string& label, const std::string& short_label, double max_width,
                                        const draw::font& f) const {
    const auto fit = [&] {
        std::string line = draw::elide(label, max_width, f, m_);
        // A label cut to a stub ("3. St…") gives way to its short form, which still matches the card.
        if (line != label && !short_label.empty() && code_point_count(line) < 8)
            line = draw::elide(short_label, max_width, f, m_);
        return std::vector<std::string>{m_.width(line, f) > max_width ? std::string() : line};
    };
    if (!cache_) return fit().front();
    using store = journey_cache::store;
    return cache_->store_->lines({store::kind::segment, label + '\n' + short_label, max_width, f, 1}, fit).front();
}

}  // namespace bpm
