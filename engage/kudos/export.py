"""Kudos as CSV, safe to open in a spreadsheet."""

import csv
import io
from collections.abc import Iterable

from engage.models import Kudos

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "date_utc",
    "giver",
    "giver_email",
    "recipients",
    "recipient_emails",
    "value",
    "account",
    "crm_id",
    "revenue_kept",
    "currency",
    "message",
    "source_message_url",
]


def neutralise(cell: object) -> str:
    """Prefix a ' to text a spreadsheet would run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def kudos_csv(kudos: Iterable[Kudos]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for k in kudos:
        people = [r.employee for r in k.recipients]
        writer.writerow(
            [
                neutralise(cell)
                for cell in (
                    k.created_at.strftime("%Y-%m-%d %H:%M"),
                    k.giver.name,
                    k.giver.email,
                    "; ".join(p.name for p in people),
                    "; ".join(p.email for p in people),
                    k.value.name if k.value else "",
                    k.account.name if k.account else "",
                    k.account.crm_id if k.account else "",
                    k.revenue_kept,
                    k.currency,
                    k.message,
                    k.source_message_url,
                )
            ]
        )
    return out.getvalue()
