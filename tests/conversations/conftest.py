import html
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import CommentThread, Employee, OutgoingMessage, PulseDelivery, PulseResponse, Team
from engage.models.base import utcnow
from engage.outbox.sending import send_due
from engage.pulses.ratelimit import RateLimiter
from engage.pulses.slack_client import sender_client
from tests.dashboard_data import Company

REF = re.compile(r'name="comment" value="([^"]+)"')


@pytest.fixture
def test_config(slack_config):
    return slack_config


@dataclass
class Setting:
    company: Company
    support: Team
    lead: Employee


@pytest.fixture
def company(company: Company) -> Setting:
    """The dashboard company, everyone in Slack; Support (9 people) reaches the comment threshold (8),
    Sales (6) does not; Support's lead manages the rest of Support, Sales' first person the rest of Sales."""
    seeded = company
    for people in seeded.people.values():
        for person in people:
            person.slack_user_id = f"UCO{person.id:04d}"
    for person in seeded.people["Sales"][1:]:
        person.manager = seeded.people["Sales"][0]
    db.session.commit()
    rollups.refresh(full=True)
    return Setting(seeded, seeded.teams["Support"], seeded.people["Support"][0])


def refs(page: str) -> list[str]:
    return list(dict.fromkeys(html.unescape(ref) for ref in REF.findall(page)))


def comments_page(client, team_id=None, **args) -> str:
    today = date.today()
    query = {"start": (today - timedelta(days=180)).isoformat(), "end": today.isoformat()} | args
    if team_id is not None:
        query["team_id"] = team_id
    response = client.get("/dashboard/comments", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def send_queued(app) -> None:
    send_due(utcnow(), sender_client(app), RateLimiter(1000))


def author_of(thread: CommentThread) -> Employee:
    response = db.session.get_one(PulseResponse, thread.response_id)
    return db.session.get_one(Employee, response.employee_id)


def threads() -> list[CommentThread]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(CommentThread).order_by(CommentThread.id)))


def outgoing() -> list[OutgoingMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutgoingMessage).order_by(OutgoingMessage.id)))


def commented_response(team: Team) -> PulseResponse:
    response = db.session.scalars(
        sa.select(PulseResponse)
        .join(PulseDelivery, PulseDelivery.id == PulseResponse.delivery_id)
        .where(PulseDelivery.team_id == team.id, PulseResponse.comment.is_not(None))
        .order_by(PulseResponse.id)
    ).first()
    assert response is not None, "the company has a comment"
    return response
