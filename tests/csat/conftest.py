import pytest
import sqlalchemy as sa

from engage.auth.tokens import create_token
from engage.extensions import db
from engage.models import Rating, TicketOutcome

HEADER = "source,external_id,rated_at,kind,value,scale,team,group,agent_email"


@pytest.fixture
def csv_file(tmp_path):
    """Write CSV lines (header first) to a file and return its path."""

    def write(*lines: str, name: str = "ratings.csv") -> str:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def ratings():
    """All ratings, keyed by (source, external_id)."""

    def load() -> dict[tuple[str, str], Rating]:
        db.session.expire_all()
        return {(r.source, r.external_id): r for r in db.session.scalars(sa.select(Rating))}

    return load


@pytest.fixture
def tickets():
    """All ticket outcomes, keyed by (source, external_id)."""

    def load() -> dict[tuple[str, str], TicketOutcome]:
        db.session.expire_all()
        return {(t.source, t.external_id): t for t in db.session.scalars(sa.select(TicketOutcome))}

    return load


@pytest.fixture
def bearer(app):
    """Authorization headers with an API token of `role`."""

    def make(role: str = "hr", user=None) -> dict:
        return {"Authorization": f"Bearer {create_token(role, 'test', user)}"}

    return make
