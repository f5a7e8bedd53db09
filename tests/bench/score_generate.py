"""Writes a synthetic leads export for the scoring benchmark: ROWS leads over 2025, with the
columns `accord score` guesses (date, email, phone, country, title, size, industry, behaviours).

    python3 tests/bench/score_generate.py OUT.csv ROWS

Deterministic (seeded); the figures are made up and only exercise the reader and the rules.
"""

import random
import sys

out, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
titles = ["VP Sales", "Head of Marketing", "Director of IT", "Engineer", "Manager",
          "Student", "Chief Revenue Officer", "Analyst", "SDR", "Founder"]
industries = ["Software", "Fintech", "Retail", "Education", "Manufacturing", "Healthcare"]
countries = ["US", "Germany", "UK", "France", "DE", "United States", "Brazil", "Japan"]
domains = ["acme.com", "globex.io", "initech.com", "gmail.com", "yahoo.com", "umbrella.com",
           "hooli.com", "ox.ac.uk"] + [f"company{n}.com" for n in range(2000)]


def phone():
    """Mostly unique numbers, as in a real export: some blank, some too short to be valid."""
    kind = rng.randrange(10)
    if kind < 3:
        return ""
    if kind == 3:
        return str(rng.randrange(100))
    if kind < 7:
        return f"+49 30 {rng.randrange(1000000, 9999999)}"
    return f"+1 {rng.randrange(201, 989)} {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}"


sizes = ["10", "40", "120", "800", "3000", "51-200", "1,001-5,000", "10,001+"]
with open(out, "w", newline="") as f:
    f.write("Created,Email,Phone,Country,Job Title,Employees,Industry,"
            "Pricing page,Downloads,Webinar,Demo request,Email opens\n")
    for i in range(rows):
        month, day = rng.randrange(1, 13), rng.randrange(1, 29)
        f.write(",".join([
            f"2025-{month:02}-{day:02}T{rng.randrange(24):02}:{rng.randrange(60):02}:00Z",
            f"lead{i}@{rng.choice(domains)}",
            phone(),
            rng.choice(countries),
            rng.choice(titles),
            f'"{rng.choice(sizes)}"',
            rng.choice(industries),
            rng.choice(["yes", "no", "no"]),
            str(rng.randrange(4)),
            rng.choice(["yes", "no", "no"]),
            rng.choice(["yes", "no", "no", "no"]),
            str(rng.randrange(6)),
        ]) + "\n")
