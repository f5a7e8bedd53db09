"""Writes an events CSV for the SLA-check benchmark: ROWS MQLs over a year, each created at a
random time, half of them first touched within a day and a few never, owned by one of 40 SDRs.
Times are written without an offset, as most CRM exports do.

    python3 tests/bench/sla_generate.py OUT.csv ROWS
"""
import random
import sys
from datetime import datetime, timedelta

out, rows = sys.argv[1], int(sys.argv[2])
random.seed(7)
start = datetime(2026, 1, 1)
owners = [f"SDR {n:02}" for n in range(40)]
with open(out, "w", encoding="utf-8") as f:
    f.write("Lead ID,Created,First touch,Lead owner\n")
    for i in range(rows):
        created = start + timedelta(seconds=random.randrange(365 * 24 * 3600))
        if random.random() < 0.03:
            touched = ""
        else:
            touched = (created + timedelta(minutes=random.expovariate(1 / 600))).strftime(
                "%Y-%m-%d %H:%M"
            )
        f.write(f"L{i},{created:%Y-%m-%d %H:%M},{touched},{random.choice(owners)}\n")
