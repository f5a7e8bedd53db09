"""The ICP question asked of pandas, as icp_duckdb.py asks it of DuckDB."""
import math
import sys

import pandas as pd

ATTRIBUTES = ["industry", "country", "crm", "org_structure", "employees_band"]

frame = pd.read_csv(sys.argv[1])
frame = frame[frame["arr"].notna()]
frame["is_churned"] = frame["churned"] == "Yes"
frame["employees_band"] = pd.cut(frame["employees"], [-math.inf, 50, 200, 1000, math.inf], right=False,
                                 labels=["< 50", "50–200", "200–1,000", "≥ 1,000"])
retained = frame[~frame["is_churned"]]
best_count = math.ceil(0.2 * len(retained))
best_index = retained.sort_values(["arr", "tenure_months"], ascending=False).index[:best_count]
frame["best"] = False
frame.loc[best_index, "best"] = True
totals = (len(frame), int(frame["best"].sum()), int(frame["is_churned"].sum()),
          frame.loc[frame["best"], "arr"].sum() / frame["arr"].sum())
values = []
for attribute in ATTRIBUTES:
    grouped = frame.groupby(attribute, observed=True).agg(all=("best", "size"), best=("best", "sum"),
                                                          churned=("is_churned", "sum"))
    values += list(grouped.itertuples())
print(totals, len(values))
