"""Writes a synthetic customer export for the ICP benchmark: ROWS rows, about 100 bytes each.

The data is random (seeded, so every run writes the same file) and made for timing only: it is
never shown as anyone's customers.
"""
import random
import sys

INDUSTRIES = ["Software", "Fintech", "Retail", "Healthcare", "Education", "Manufacturing",
              "Logistics", "Media", "Insurance", "Energy", "Telecom", "Public sector"]
COUNTRIES = ["US", "UK", "DE", "FR", "NL", "SE", "ES", "IT", "CA", "AU", "BR", "IN", "JP", "SG", "PL"]
CRMS = ["Salesforce", "HubSpot", "Dynamics", "Pipedrive", "Zoho", "Close", "Copper", "None"]
ORGS = ["Centralised", "Regional", "Product lines", "Founder-led"]


def main(path, rows):
    rng = random.Random(20261123)
    with open(path, "w", newline="") as out:
        out.write("customer_id,company,industry,country,employees,crm,org_structure,"
                  "arr,churned,tenure_months,owner,website\n")
        for i in range(rows):
            employees = int(rng.lognormvariate(4.5, 1.3)) + 1
            industry = rng.choice(INDUSTRIES)
            arr = round(rng.lognormvariate(9.5, 1.0) * (1.6 if industry == "Fintech" else 1.0), 2)
            churn = 0.35 if employees < 50 else 0.12
            out.write(
                f"C{i:07d},Company {i},{industry},{rng.choice(COUNTRIES)},{employees},"
                f"{rng.choice(CRMS)},{rng.choice(ORGS)},{arr},"
                f"{'Yes' if rng.random() < churn else 'No'},{rng.randint(1, 96)},Owner {rng.randint(1, 60)},"
                f"https://www.company-{i}.example.com\n"
            )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
