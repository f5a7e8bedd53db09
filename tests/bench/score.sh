#!/usr/bin/env bash
# The lead-scoring benchmark: `accord score --summary` on a generated leads file (1,000,000 rows
# by default) with the sales-led template's ten rules. Wall time and peak memory, best of three.
#
#   tests/bench/score.sh [ROWS]
#
# Needs python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
bench=target/bench
mkdir -p "$bench"
csv="$bench/leads-$rows.csv"
session="$bench/sales-led.ron"

[ -f "$csv" ] || python3 tests/bench/score_generate.py "$csv" "$rows"
cargo build --release --quiet
target/release/accord new --template b2b-sales-led "$session" --force > /dev/null

best="" rss=""
for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$bench/time" \
        target/release/accord score "$csv" --session "$session" --summary --format json > /dev/null
    read -r seconds kb < "$bench/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; rss=$kb; fi
done
size_mb=$(( $(stat -c %s "$csv") / 1024 / 1024 ))
echo "File: $csv, $rows rows, $size_mb MB; $(nproc) cores"
printf '| accord score --summary | %8.2f s | %8.0f MB |\n' "$best" "$(echo "$rss / 1024" | bc -l)"
