#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bpm/model.h"

namespace bpm::test {

/// A fresh folder under the system temporary folder, removed with everything in it when destroyed.
class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    /// Path of a file inside the folder.
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    /// The folder itself.
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// Path of a file in resources/samples/.
std::string sample(const std::string& name);
/// Path of a file in tests/data/.
std::string data(const std::string& name);

/// Whole content of a file; empty when it cannot be read.
std::string slurp(const std::string& path);
/// Writes bytes to a file, replacing it.
void spit(const std::string& path, const std::string& bytes);

/// What a program printed and how it ended.
struct run_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs a program with arguments (no shell), optionally feeding stdin, and captures its output.
run_result run_program(const std::string& program, const std::vector<std::string>& args,
                       const std::string& stdin_text = {});

/// A small document with two personas that uses every field (a journey task too), for round trips.
document rich_document();

/// A conflict about a field (stage_id "" for a persona's, persona_id "" for the map's) with its
/// three values.
merge_conflict field_conflict(std::string persona_id, std::string stage_id, std::string field, std::string base,
                              std::string ours, std::string theirs);
/// A conflict about a persona (stage_id "") or a stage that the version by removed.
merge_conflict removal(std::string persona_id, std::string stage_id, conflict_side by);

/// rich_document() with comments of each kind: on a stage's field (with two replies), on a stage,
/// on a persona's field (resolved, text with markup and line breaks), on the second persona.
document commented_document();

/// rich_document() with out-of-date summaries: the first persona changed on 2026-11-12 14:20 UTC,
/// after its AI summary of 2026-11-02 17:00 UTC; the second, "Finance Lead", has the first's
/// stages and a template summary written before its first stage took "9 weeks".
document document_with_old_summaries();

}  // namespace bpm::test
