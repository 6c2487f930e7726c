#!/usr/bin/env bash
# The README's two commands:
#   ./dev.sh run [FILE]   install what is missing, build, open FILE in the editor (default: the sample map)
#   ./dev.sh test         install what is missing, build, run the whole test suite
#                         (a normal build, then once more under AddressSanitizer+UBSan, then
#                         a short fixed smoke run of each libFuzzer target)
#   ./dev.sh fuzz [TARGET|all] [SECONDS]
#                         build the libFuzzer targets (tests/fuzz, with clang) and fuzz TARGET, or
#                         each in turn, for SECONDS (default 30) each; what breaks one is kept in
#                         build/fuzz/crashes/TARGET/
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# Debian/Ubuntu packages the build and the tests need; keep in step with the README.
build_packages=(cmake g++ make pkg-config libpugixml-dev nlohmann-json3-dev libutfcpp-dev libcurl4-openssl-dev libboost-test-dev libwxgtk3.2-dev libgtk-3-dev libhpdf-dev libfribidi-dev libfontconfig-dev libqpdf-dev libidn-dev libdeflate-dev libpng-dev libcairo2-dev libfreetype-dev libxlsxwriter-dev fonts-dejavu-core)
# The PDF tests draw CJK and emoji from the fallback fonts fonts-wqy-microhei and fonts-symbola install;
# the xlsx_export suite reads workbooks back with python3's standard library.
test_packages=(libxml2-utils xvfb xauth imagemagick poppler-utils qpdf cmark-gfm fonts-wqy-microhei fonts-symbola librsvg2-bin git python3)
# The fuzz targets need clang and its libFuzzer (libclang-rt-N-dev for clang N, added below).
fuzz_packages=(clang)
fuzz_targets=(bpm_load json_import csv_import mermaid_import interview duration ai_replies tsv_paste)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

missing_packages() {
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$pkg"
        fi
    done
}

install_packages() {
    local missing
    mapfile -t missing < <(missing_packages "$@")
    [ "${#missing[@]}" -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "dev.sh: missing packages: ${missing[*]}" >&2
        echo "dev.sh: this script installs them with apt-get (Debian/Ubuntu); see README.md for macOS and Windows." >&2
        exit 1
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "dev.sh: need root or sudo to install: ${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
    fi
    say "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# clang and the libFuzzer runtime of its version, for the fuzz targets.
install_fuzz_packages() {
    install_packages "${fuzz_packages[@]}"
    local clang_major
    clang_major="$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -n 1)"
    install_packages "libclang-rt-${clang_major}-dev"
}

build() {
    local preset="$1"
    say "Configuring and building ($preset)"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j2
}

case "${1:-}" in
    run)
        shift
        install_packages "${build_packages[@]}"
        build default
        file="${1:-resources/samples/nlyzer-b2b-personas.bpm}"
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "dev.sh: no display to open the editor on (DISPLAY and WAYLAND_DISPLAY are empty); under Xvfb: xvfb-run -a ./build/default/src/app/bpmap $file" >&2
            exit 1
        fi
        exec ./build/default/src/app/bpmap "$file"
        ;;
    test)
        install_packages "${build_packages[@]}" "${test_packages[@]}"
        install_fuzz_packages
        build default
        say "Running tests"
        ctest --preset default --output-on-failure
        build asan
        say "Running tests under AddressSanitizer+UBSan"
        ctest --preset asan --output-on-failure
        build fuzz
        say "Smoke-running the fuzz targets (./dev.sh fuzz runs a real campaign)"
        ctest --preset fuzz --output-on-failure
        ;;
    fuzz)
        targets=("${fuzz_targets[@]}")
        if [ -n "${2:-}" ] && [ "$2" != all ]; then
            if [[ " ${fuzz_targets[*]} " != *" $2 "* ]]; then
                echo "dev.sh: no fuzz target \"$2\"; the targets: ${fuzz_targets[*]}" >&2
                exit 2
            fi
            targets=("$2")
        fi
        seconds="${3:-30}"
        install_packages "${build_packages[@]}"
        install_fuzz_packages
        build fuzz
        failed=()
        for target in "${targets[@]}"; do
            say "Fuzzing $target for $seconds s"
            mkdir -p "build/fuzz/corpus/$target" "build/fuzz/crashes/$target"
            dict=()
            [ -f "tests/fuzz/corpus/$target.dict" ] && dict=("-dict=tests/fuzz/corpus/$target.dict")
            # New inputs go to the first folder, build/fuzz/corpus/TARGET; the seeds stay as they are.
            if ! "build/fuzz/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
                    -print_final_stats=1 -artifact_prefix="build/fuzz/crashes/$target/" "${dict[@]}" \
                    "build/fuzz/corpus/$target" "tests/fuzz/corpus/$target"; then
                failed+=("$target")
            fi
        done
        if [ "${#failed[@]}" -gt 0 ]; then
            echo "dev.sh: broken by the inputs kept in build/fuzz/crashes/: ${failed[*]}" >&2
            exit 1
        fi
        ;;
    *)
        echo "usage: ./dev.sh run [FILE] | ./dev.sh test | ./dev.sh fuzz [TARGET|all] [SECONDS]" >&2
        exit 2
        ;;
esac
