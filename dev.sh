#!/usr/bin/env bash
# The README's two commands:
#   ./dev.sh run [FILE]   install what is missing, build, open FILE in the editor (default: the sample map)
#   ./dev.sh test         install what is missing, build, run the whole test suite
#                         (a normal build, then once more under AddressSanitizer+UBSan)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# Debian/Ubuntu packages the build and the tests need; keep in step with the README.
build_packages=(cmake g++ make pkg-config libpugixml-dev nlohmann-json3-dev libutfcpp-dev libcurl4-openssl-dev libboost-test-dev libwxgtk3.2-dev libgtk-3-dev libhpdf-dev libqpdf-dev libidn-dev zlib1g-dev libpng-dev fonts-dejavu-core)
test_packages=(libxml2-utils xvfb xauth imagemagick poppler-utils qpdf)

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
        build default
        say "Running tests"
        ctest --preset default --output-on-failure
        build asan
        say "Running tests under AddressSanitizer+UBSan"
        ctest --preset asan --output-on-failure
        ;;
    *)
        echo "usage: ./dev.sh run [FILE] | ./dev.sh test" >&2
        exit 2
        ;;
esac
