"""The ICP question asked of DuckDB: best 20% of retained by revenue (ties by tenure), and per
attribute value the counts among all, best and churned."""
import sys

import duckdb

ATTRIBUTES = ["industry", "country", "crm", "org_structure", "employees_band"]

path = sys.argv[1]
con = duckdb.connect()
con.execute(f"""
CREATE TEMP TABLE customers AS
SELECT *,
       churned = 'Yes' AS is_churned,
       CASE WHEN employees < 50 THEN '< 50' WHEN employees < 200 THEN '50–200'
            WHEN employees < 1000 THEN '200–1,000' ELSE '≥ 1,000' END AS employees_band
FROM read_csv('{path}', header = true)
WHERE arr IS NOT NULL
""")
con.execute("""
CREATE TEMP TABLE ranked AS
SELECT *,
       (NOT is_churned AND row_number() OVER (PARTITION BY is_churned ORDER BY arr DESC, tenure_months DESC)
            <= ceil(0.2 * (SELECT count(*) FROM customers WHERE NOT is_churned))) AS best
FROM customers
""")
totals = con.execute("""
SELECT count(*), sum(best::int), sum(is_churned::int), sum(CASE WHEN best THEN arr END) / sum(arr)
FROM ranked""").fetchall()
values = []
for attribute in ATTRIBUTES:
    values += con.execute(f"""
SELECT '{attribute}', {attribute}::VARCHAR, count(*), sum(best::int), sum(is_churned::int)
FROM ranked GROUP BY ALL""").fetchall()
print(totals, len(values))
