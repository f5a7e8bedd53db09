#!/usr/bin/env bash
# The SLA-check benchmark: `accord sla-check` on a generated events file (1,000,000 rows by
# default) against the sales-led follow-up SLA counted in Berlin business hours, so every event
# walks the opening hours day by day. Wall time and peak memory, best of three.
#
#   tests/bench/sla.sh [ROWS]
#
# Needs python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
bench=target/bench
mkdir -p "$bench"
csv="$bench/events-$rows.csv"
session="$bench/sla-berlin.ron"

[ -f "$csv" ] || python3 tests/bench/sla_generate.py "$csv" "$rows"
cargo build --release --quiet
target/release/accord new --template b2b-sales-led "$session" --force > /dev/null
# The template's follow-up counts wall-clock hours; the benchmark counts business hours.
python3 - "$session" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
start = text.index('name: "MQL follow-up"')
end = text.index("sign_offs:", start)
block = text[start:end]
block = block.replace("unit: Hours,", "unit: BusinessHours,", 1)
block = block.replace('time_zone: "",', 'time_zone: "Europe/Berlin",', 1)
open(path, "w", encoding="utf-8").write(text[:start] + block + text[end:])
PY

best="" rss=""
for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$bench/time" \
        target/release/accord sla-check "$csv" --session "$session" --sla "MQL follow-up" \
        --format json > /dev/null
    read -r seconds kb < "$bench/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; rss=$kb; fi
done
size_mb=$(( $(stat -c %s "$csv") / 1024 / 1024 ))
echo "File: $csv, $rows rows, $size_mb MB; $(nproc) cores"
printf '| accord sla-check (business hours) | %8.2f s | %8.0f MB |\n' "$best" "$(echo "$rss / 1024" | bc -l)"
