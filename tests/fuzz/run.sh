#!/usr/bin/env bash
# Runs each fuzz target for a set time, then shrinks its corpus to the inputs that matter.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 600 s, every target)
#
# Needs the nightly toolchain (libFuzzer's instrumentation) and cargo-fuzz, which it installs
# if missing. A crash or leak stops the run and leaves the input in tests/fuzz/artifacts/TARGET/;
# commit it: `cargo test` replays every corpus and artifact file (tests/accord/hardening.rs).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(session_load csv_import)
fi

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# The CSV target writes each input to a temporary file: keep those in memory.
if [ -d /dev/shm ]; then
    export TMPDIR=/dev/shm
fi

seed() {
    local target=$1
    shift
    mkdir -p "tests/fuzz/corpus/$target"
    for file in "$@"; do
        # Seeds over 64 KB slow every run down without teaching the fuzzer more.
        if [ "$(stat -c %s "$file")" -le 65536 ]; then
            cp "$file" "tests/fuzz/corpus/$target/seed-$(basename "$file")"
        fi
    done
}
seed session_load workshops/*.ron tests/fixtures/*.ron tests/fixtures/hostile/*.ron
seed csv_import $(find tests/fixtures -name '*.csv' -o -name '*.tsv')

for target in "${targets[@]}"; do
    echo "== $target for $seconds s"
    # Each input must finish within 10 s and 2 GB, or it counts as a hang or a leak.
    cargo +nightly fuzz run --fuzz-dir tests/fuzz -O "$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1
    cargo +nightly fuzz cmin --fuzz-dir tests/fuzz -O "$target" -- -max_len=65536
done
