#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

/// Functions called in the order they were added, each for as long as the Registration that Add
/// returned lives. A function may add or remove registrations while it is called; one removed
/// meanwhile is not called.
template <typename... Args>
class ListenerList {
    struct Entries {
        std::vector<std::pair<std::size_t, std::function<void(Args...)>>> list;
        std::size_t next = 1;
    };

public:
    /// Keeps a function in its list until destroyed, reset or moved over; harmless when the list
    /// is gone first.
    class Registration {
    public:
        Registration() = default;
        Registration(const Registration&) = delete;
        Registration& operator=(const Registration&) = delete;
        Registration(Registration&& other) noexcept
            : m_entries(std::move(other.m_entries)), m_token(std::exchange(other.m_token, 0)) {}
        Registration& operator=(Registration&& other) noexcept {
            if (this != &other) {
                Reset();
                m_entries = std::move(other.m_entries);
                m_token = std::exchange(other.m_token, 0);
            }
            return *this;
        }
        ~Registration() { Reset(); }

        /// Removes the function from its list.
        void Reset() {
            if (const std::shared_ptr<Entries> entries = m_entries.lock()) {
                auto& list = entries->list;
                list.erase(std::remove_if(list.begin(), list.end(), [this](const auto& e) { return e.first == m_token; }),
                           list.end());
            }
            m_entries.reset();
            m_token = 0;
        }

    private:
        friend class ListenerList;
        Registration(std::weak_ptr<Entries> entries, std::size_t token) : m_entries(std::move(entries)), m_token(token) {}

        std::weak_ptr<Entries> m_entries;
        std::size_t m_token = 0;
    };

    ListenerList() = default;
    ListenerList(const ListenerList&) = delete;
    ListenerList& operator=(const ListenerList&) = delete;

    /// Adds fn at the end of the list.
    [[nodiscard]] Registration Add(std::function<void(Args...)> fn) {
        const std::size_t token = m_entries->next++;
        m_entries->list.emplace_back(token, std::move(fn));
        return Registration(m_entries, token);
    }

    /// Calls every function registered, in order.
    void Call(Args... args) const {
        const auto snapshot = m_entries->list;
        for (const auto& [token, fn] : snapshot) {
            const auto& now = m_entries->list;
            const bool still = std::any_of(now.begin(), now.end(), [t = token](const auto& e) { return e.first == t; });
            if (still) fn(args...);
        }
    }

private:
    std::shared_ptr<Entries> m_entries = std::make_shared<Entries>();
};
