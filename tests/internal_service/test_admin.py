"""Admins mark teams as on the front line or serving it on the teams page; bad input says what to fix and
changes nothing."""

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Question, Team
from engage.models.pulses import INTERNAL_SERVICE
from engage.pulses.question_bank import install_question_bank


@pytest.fixture
def teams(make_team):
    support = make_team("Customer Support")
    return {"support": support, "emea": make_team("Support EMEA", parent=support), "it": make_team("IT")}


def role_of(team: Team) -> str | None:
    db.session.expire_all()
    return db.session.get_one(Team, team.id).front_line_role


def post_role(client, team_id: int, role: str):
    return client.post(f"/teams/{team_id}/front-line", data={"role": role})


def test_an_admin_marks_teams_and_the_page_shows_it(client, login, make_user, teams):
    login(make_user("admin"))
    assert post_role(client, teams["support"].id, "front_line").status_code == 302
    assert post_role(client, teams["it"].id, "serves_front_line").status_code == 302
    assert (role_of(teams["support"]), role_of(teams["it"])) == ("front_line", "serves_front_line")
    page = client.get("/teams").get_data(as_text=True)
    it_row = page[page.index(f'data-team="{teams["it"].id}"') :]
    assert '<option value="serves_front_line" selected>' in it_row[: it_row.index("</tr>")]
    assert post_role(client, teams["it"].id, "").status_code == 302
    assert role_of(teams["it"]) is None


def test_an_unknown_role_is_refused_with_the_choices(client, login, make_user, teams):
    login(make_user("admin"))
    response = post_role(client, teams["it"].id, "boss")
    assert response.status_code == 400
    assert "Choose on the front line, serves the front line, or neither." in response.get_data(as_text=True)
    assert role_of(teams["it"]) is None


def test_a_team_under_the_front_line_cannot_serve_it(client, login, make_user, teams):
    login(make_user("admin"))
    post_role(client, teams["support"].id, "front_line")
    response = post_role(client, teams["emea"].id, "serves_front_line")
    assert response.status_code == 400
    assert "Support EMEA is under Customer Support, which is on the front line" in response.get_data(
        as_text=True
    )
    assert role_of(teams["emea"]) is None


def test_a_team_above_a_serving_team_cannot_be_the_front_line(client, login, make_user, teams):
    login(make_user("admin"))
    post_role(client, teams["emea"].id, "serves_front_line")
    response = post_role(client, teams["support"].id, "front_line")
    assert response.status_code == 400 and "Support EMEA under Customer Support" in response.get_data(
        as_text=True
    )
    assert role_of(teams["support"]) is None


def test_an_unknown_team_is_refused(client, login, make_user, teams):
    login(make_user("admin"))
    response = post_role(client, 9999, "front_line")
    assert response.status_code == 400 and "There is no team with id 9999" in response.get_data(as_text=True)


def test_only_admins_may_mark_teams(client, login, make_user, teams):
    login(make_user("hr"))
    assert post_role(client, teams["it"].id, "serves_front_line").status_code == 403
    assert role_of(teams["it"]) is None
    assert "Serves the front line" not in client.get("/teams").get_data(as_text=True)


def test_the_internal_service_question_is_not_on_the_questions_page_nor_editable(client, login, make_user):
    install_question_bank()
    login(make_user("admin"))
    question = db.session.scalars(sa.select(Question).where(Question.driver == INTERNAL_SERVICE)).one()
    assert "How well did" not in client.get("/admin/questions").get_data(as_text=True)
    assert client.get(f"/admin/questions/{question.id}").status_code == 404
