import re
from datetime import datetime

from engage.extensions import db
from engage.models import Question, Rating


def statuses(page: bytes) -> dict[str, str]:
    """Each checklist item's status as the page shows it, by item key."""
    return dict(re.findall(r'id="setup-(\w+)" data-status="(\w+)"', page.decode()))


def item_text(page: bytes, key: str) -> str:
    row = re.search(rf'id="setup-{key}".*?</tr>', page.decode(), re.S)
    assert row, f"no {key} item"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(0)))


def add_question() -> Question:
    question = Question(driver="growth", text="I am learning something new.", scale="likert5")
    db.session.add(question)
    db.session.commit()
    return question


def add_rating(source: str, external_id: str, team_id: int, rated_at: datetime) -> None:
    db.session.add(
        Rating(
            source=source,
            external_id=external_id,
            kind="csat",
            raw_value="5",
            score=100.0,
            satisfied=True,
            rated_at=rated_at,
            team_id=team_id,
        )
    )
    db.session.commit()
