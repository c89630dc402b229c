"""A small ratings CSV to copy the format from: every column the importer reads, one row per scale.

Its teams are those of the sample roster, and its ratings are dated in the days before `today`."""

import csv
import io
from datetime import date, timedelta

from engage.csat.rows import FIELDS
from engage.people.roster_sample import APAC, EMEA


def sample_ratings_csv(today: date) -> str:
    def at(days_ago: int, clock: str) -> str:
        return f"{today - timedelta(days=days_ago):%Y-%m-%d}T{clock}"

    rows = (
        {
            "source": "zendesk",
            "external_id": "sample-1001",
            "rated_at": at(3, "09:15:00Z"),
            "kind": "csat",
            "value": "5",
            "scale": "csat5",
            "team": EMEA,
            "group": "",
            "agent_email": "",
            "comment": "Sorted my refund in one call, thank you!",
            "account": "Acme Corp",
        },
        {
            "source": "zendesk",
            "external_id": "sample-1002",
            "rated_at": at(2, "16:40:00+01:00"),
            "kind": "csat",
            "value": "bad",
            "scale": "good_bad",
            "team": EMEA,
            "group": "Tier 1",
            "agent_email": "",
        },
        {
            "source": "delighted",
            "external_id": "sample-2001",
            "rated_at": at(1, "11:05:00+09:00"),
            "kind": "nps",
            "value": "9",
            "scale": "nps10",
            "team": APAC,
            "group": "",
            "agent_email": "cy.tanaka@example.com",
        },
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
