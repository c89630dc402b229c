"""A small roster CSV to copy the format from: every column the importer reads, fictional people."""

import csv
import io

from engage.people.roster_file import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, TEAM_SEPARATOR

SUPPORT, EMEA, APAC = "Customer Support", "Support EMEA", "Support APAC"
SAMPLE_PEOPLE = (
    {
        "email": "maria.lopez@example.com",
        "name": "Maria Lopez",
        "team": SUPPORT,
        "manager_email": "",
        "slack_user_id": "",
        "timezone": "Europe/Madrid",
    },
    {
        "email": "ana.silva@example.com",
        "name": "Ana Silva",
        "team": SUPPORT + TEAM_SEPARATOR + EMEA,
        "manager_email": "maria.lopez@example.com",
        "slack_user_id": "U012AB3CD",
        "timezone": "Europe/Lisbon",
    },
    {
        "email": "ben.okafor@example.com",
        "name": "Ben Okafor",
        "team": SUPPORT + TEAM_SEPARATOR + EMEA,
        "manager_email": "ana.silva@example.com",
        "slack_user_id": "",
        "timezone": "",
    },
    {
        "email": "cy.tanaka@example.com",
        "name": "Cy Tanaka",
        "team": SUPPORT + TEAM_SEPARATOR + APAC,
        "manager_email": "maria.lopez@example.com",
        "slack_user_id": "",
        "timezone": "Asia/Tokyo",
    },
)


def sample_roster_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REQUIRED_COLUMNS + OPTIONAL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(SAMPLE_PEOPLE)
    return out.getvalue()
