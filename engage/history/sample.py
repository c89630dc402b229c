"""A small history CSV to copy the format from: the sample roster's people, dated before `today`.

One question is engage's own, one is the old tool's (added as retired), one team is new (created)."""

import csv
import io
from datetime import date, timedelta

from engage.history.rows import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from engage.people.roster_file import TEAM_SEPARATOR
from engage.people.roster_sample import EMEA, SUPPORT
from engage.pulses.question_bank import ENPS_QUESTION


def sample_responses_csv(today: date) -> str:
    def day(weeks_ago: int) -> str:
        return f"{today - timedelta(weeks=weeks_ago):%Y-%m-%d}"

    rows = (
        {
            "email": "ana.silva@example.com",
            "date": day(6),
            "question": "My workload this week is manageable.",
            "driver": "workload",
            "score": "4",
            "comment": "",
            "team": "",
        },
        {
            "email": "ben.okafor@example.com",
            "date": day(6),
            "question": "I know what is expected of me at work.",
            "driver": "feedback",
            "score": "2",
            "comment": "Priorities change every week.",
            "team": SUPPORT + TEAM_SEPARATOR + EMEA,
        },
        {
            "email": "cy.tanaka@example.com",
            "date": day(5),
            "question": ENPS_QUESTION,
            "driver": "enps",
            "score": "9",
            "comment": "",
            "team": SUPPORT + TEAM_SEPARATOR + "Support Japan",
        },
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REQUIRED_COLUMNS + OPTIONAL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
