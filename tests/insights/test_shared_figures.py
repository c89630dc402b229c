"""The figures the scheduler shares after a refresh, loaded by web processes instead of made again."""

import re
from datetime import date

import sqlalchemy as sa

from engage.extensions import db
from engage.insights import cache, rollups, shared
from engage.models import SharedFigures
from tests.conftest import PASSWORD
from tests.statements import counted

CSRF = re.compile(r'name="csrf_token" value="[^"]*"')


def signed_in(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def as_another_process(app) -> None:
    """What a web process other than the scheduler's holds after a refresh: nothing of the new version."""
    cache.figures_cache().clear()
    app.extensions.pop(shared.LOADED, None)


def overview(client) -> tuple[str, list[str]]:
    db.session.remove()
    with counted() as statements:
        response = client.get("/dashboard/")
    assert response.status_code == 200
    return CSRF.sub("", response.get_data(as_text=True)), statements


def reads_rollups(statements: list[str]) -> bool:
    return any("FROM team_period_stat" in statement for statement in statements)


def loads(statements: list[str]) -> int:
    """Statements loading shared figures (the team tree's statement only asks whether there are any)."""
    return sum("shared_figures.payload" in statement for statement in statements)


def test_a_web_process_loads_the_shared_figures_instead_of_reading_the_rollups(app, company, make_user):
    client = signed_in(app, make_user("hr"))
    as_another_process(app)
    made_here, statements = overview(client)
    assert reads_rollups(statements)

    assert shared.share(app) > 0
    as_another_process(app)
    loaded, statements = overview(client)

    assert not reads_rollups(statements)
    assert loads(statements) == 1  # the results part only: the overview needs none of the rollup rows
    assert loaded == made_here
    _, again = overview(client)
    assert loads(again) == 0  # once per version and process


def test_the_refresh_job_shares_figures_when_the_refresh_changed_something(app, company, make_user, answer):
    make_user("admin")
    assert shared.refresh_and_share(app) == {"periods": 0, "rows": 0}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SharedFigures)) == 0

    answer(company.people["Support"][0], date.today(), 4)
    assert shared.refresh_and_share(app)["periods"] > 0

    assert set(db.session.scalars(sa.select(SharedFigures.version))) == {rollups.current_version()}


def test_shared_figures_last_until_the_next_refresh_that_changes_something(app, company, make_user):
    make_user("admin")

    shared.share(app)
    rollups.refresh(full=True)  # a new version, as a refresh that changed something writes
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SharedFigures)) == 0  # the old ones go
    version = rollups.current_version()
    shared.share(app)
    assert set(db.session.scalars(sa.select(SharedFigures.version))) == {version}


def test_a_page_needing_the_rollup_rows_loads_that_part_too(app, company, make_user):
    client = signed_in(app, make_user("hr"))
    team_page = f"/dashboard/teams/{company.teams['Support'].id}"
    shared.share(app)
    as_another_process(app)
    overview(client)
    db.session.remove()

    with counted() as statements:
        assert client.get(team_page).status_code == 200

    assert loads(statements) == 1
    assert not reads_rollups(statements)


def test_shared_figures_not_signed_with_our_key_are_ignored(app, company, make_user):
    client = signed_in(app, make_user("hr"))
    shared.share(app)
    db.session.execute(sa.update(SharedFigures).values(signature="0" * 64))
    db.session.commit()
    as_another_process(app)

    _, statements = overview(client)

    assert reads_rollups(statements)


def test_a_manager_never_loads_the_figures_shared_for_hr(app, company, make_user):
    make_user("hr")
    shared.share(app)
    manager = make_user("manager", employee=company.people["Support"][0])
    as_another_process(app)

    _, statements = overview(signed_in(app, manager))

    assert loads(statements) == 0
    assert reads_rollups(statements)
