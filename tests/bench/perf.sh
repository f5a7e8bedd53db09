#!/usr/bin/env bash
# Issue #10's performance budget in one command: start-up, memory and idle repaints of the real
# window against a bare eframe window, then frame time per screen and storage on a stress
# session. Prints Markdown tables with the ratios and the goals; the README keeps the latest.
#
#   tests/bench/perf.sh [STARTUP_RUNS] [FRAMES]      (defaults: 15 start-ups each, 1,000 frames)
#
# Without a DISPLAY it starts its own Xvfb (apt-get install xvfb xauth libxcursor1 libxi6
# libxkbcommon-x11-0 libegl1 libgl1-mesa-dri). Rendering is software (Mesa llvmpipe) either way,
# so the figures compare like with like rather than measure a graphics card.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-15}"
frames="${2:-1000}"

cargo build --release --quiet --example window --example frames

if [ -z "${DISPLAY:-}" ]; then
    if ! command -v Xvfb > /dev/null; then
        echo "perf.sh: no DISPLAY and no Xvfb; install it with: apt-get install xvfb" >&2
        exit 1
    fi
    display=":97"
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
    xvfb=$!
    trap 'kill "$xvfb" 2> /dev/null || true' EXIT
    export DISPLAY="$display"
    sleep 1
fi
export LIBGL_ALWAYS_SOFTWARE=1
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    XDG_RUNTIME_DIR="$(mktemp -d)"
    export XDG_RUNTIME_DIR
fi

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(free -g | awk '/Mem:/ {print $2}') GB; $(rustc --version | cut -d' ' -f1-2); display $DISPLAY"
echo
target/release/examples/window report "$runs"
echo
target/release/examples/frames "$frames"
