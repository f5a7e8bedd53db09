#!/usr/bin/env bash
# The ICP benchmark: the same question asked of `accord icp`, DuckDB and pandas on one generated
# 1,000,000-row customer file, side by side: wall time and peak memory, best of three runs.
#
#   tests/bench/icp.sh [ROWS]
#
# Needs python3 with pip (DuckDB and pandas are installed into target/bench-venv) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
bench=target/bench
mkdir -p "$bench"
csv="$bench/customers-$rows.csv"

if [ ! -x target/bench-venv/bin/python ]; then
    python3 -m venv target/bench-venv
    target/bench-venv/bin/pip install --quiet duckdb pandas
fi
py=target/bench-venv/bin/python
[ -f "$csv" ] || "$py" tests/bench/icp_generate.py "$csv" "$rows"
cargo build --release --quiet

measure() { # name, command…: prints the best wall time and its peak RSS over three runs
    local name="$1" best="" rss=""
    shift
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$bench/time" "$@" > /dev/null
        read -r seconds kb < "$bench/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; rss=$kb; fi
    done
    printf '| %-12s | %8.2f s | %8.0f MB |\n' "$name" "$best" "$(echo "$rss / 1024" | bc -l)"
}

size_mb=$(( $(stat -c %s "$csv") / 1024 / 1024 ))
echo "File: $csv, $rows rows, $size_mb MB; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "DuckDB $("$py" -c 'import duckdb; print(duckdb.__version__)'), pandas $("$py" -c 'import pandas; print(pandas.__version__)')"
echo
echo "| tool         |  wall time |   peak RSS  |"
echo "|--------------|-----------:|------------:|"
measure "accord icp" target/release/accord icp "$csv" --revenue arr --churned churned \
    --tenure tenure_months --attribute industry --attribute country --attribute crm \
    --attribute org_structure --attribute employees --bands employees=50,200,1000 --format json
measure "DuckDB" "$py" tests/bench/icp_duckdb.py "$csv"
measure "pandas" "$py" tests/bench/icp_pandas.py "$csv"
