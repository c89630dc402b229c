"""Issue 16 on the demo company: ratings at all hours, the nights that slip, praise that becomes kudos."""

import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Rating
from engage.models.base import utcnow
from engage.praise.cycle import run_praise_cycle
from engage.praise.detection import is_praise
from engage.slack.blocks.praise import GIVE_KUDOS_ACTION
from tests.slack_requests import block_action, interactive


@pytest.fixture
def test_config(slack_config):
    return slack_config | {"PULSE_WEEKDAYS": tuple(range(7)), "SLACK_SENDS_PER_SECOND": 0}


def test_customers_rate_at_every_hour_of_every_weekday_and_some_praise_their_agent(demo):
    moments = db.session.scalars(sa.select(Rating.rated_at))
    assert {(at.weekday(), at.hour) for at in moments} == {(d, h) for d in range(7) for h in range(24)}
    commented = db.session.execute(
        sa.select(Rating.satisfied, Rating.comment, Rating.agent_email).where(Rating.comment.is_not(None))
    ).all()
    praise = [row for row in commented if is_praise(row.satisfied, row.comment)]
    assert len(praise) > 300 and all(row.agent_email for row in praise)
    assert 0 < len(commented) - len(praise) < len(praise)  # complaints, and kind words with a "but"


def test_the_teams_page_lists_first_the_team_whose_nights_slip(demo, client):
    client.post("/login", data={"email": "hr@demo.example", "password": "demo-password"})

    page = client.get("/dashboard/teams").get_data(as_text=True)

    ranking = page[page.index('id="service-ranking"') :]
    rows = ranking[ranking.index("<tbody>") : ranking.index("</tbody>")].split("</tr>")[:-1]
    # Off hours go worse than weekday days in the demo (engage/demo/customer_voice.py SHIFT_MOOD), by an
    # amount that differs by team: the largest gap first, and its interval lies above 0.
    gaps = [float(m.group(1)) for row in rows if (m := re.search(r"([+-]\d+\.\d) pts", row))]
    assert len(gaps) >= 5 and gaps == sorted(gaps, reverse=True) and gaps[0] > 5
    assert "gap-clear" in rows[0]


def test_managers_get_their_reports_praise_and_a_click_opens_the_kudos_form_filled_in(
    demo, app, client, fake_slack
):
    start = utcnow()
    for hour in range(25):  # a day, so every manager's pulse hour comes round
        run_praise_cycle(app, start + timedelta(hours=hour))

    posts = [c.params for c in fake_slack.calls_to("chat.postMessage")]
    to_managers = [p for p in posts if "Customers praised your team" in p["text"]]
    assert to_managers and len({p["channel"] for p in to_managers}) == len(to_managers)  # one each
    assert any("praised you" in p["text"] for p in posts)
    blocks = to_managers[0]["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    button = next(b["accessory"] for b in blocks if "accessory" in b)
    assert button["action_id"] == GIVE_KUDOS_ACTION

    interactive(client, block_action(to_managers[0]["channel"], GIVE_KUDOS_ACTION, button["value"]))

    [opened] = fake_slack.calls_to("views.open")
    view = opened.params["view"]
    view = json.loads(view) if isinstance(view, str) else view
    message = next(b for b in view["blocks"] if b["block_id"] == "kudos_message")["element"]
    assert message["initial_value"].startswith("A customer wrote: “")
