import sqlalchemy as sa

from engage.extensions import db
from engage.models import ActionPlan
from tests.plans.conftest import plan_form


def plans() -> list[ActionPlan]:
    return list(db.session.scalars(sa.select(ActionPlan).order_by(ActionPlan.id)))


def test_a_managers_plan_shows_on_the_team_page_and_its_start_is_the_pivot(client, login, company):
    login(company.manager_user)
    response = client.post("/plans/new", data=plan_form(company.team.id))
    assert response.status_code == 302
    [plan] = plans()
    assert (plan.team_id, plan.driver, plan.owner_id, plan.status) == (
        company.team.id,
        "recognition",
        company.manager.id,
        "active",
    )

    page = client.get(f"/dashboard/teams/{company.team.id}").get_data(as_text=True)

    assert "Weekly shout-outs in the team meeting" in page
    assert 'id="pivot-from-plan"' in page and 'name="pivot" value="2026-10-05"' in page
    chosen = client.get(f"/dashboard/teams/{company.team.id}?pivot=2026-09-01").get_data(as_text=True)
    assert 'name="pivot" value="2026-09-01"' in chosen and 'id="pivot-from-plan"' not in chosen


def test_bad_input_says_what_to_fix_and_writes_nothing(client, login, company):
    login(company.manager_user)
    cases = [
        (
            plan_form(company.team.id, review_date="2026-10-01"),
            "The review date must come after the start date.",
        ),
        (plan_form(company.team.id, action="   "), "Say what you will do."),
        (plan_form(company.team.id, driver="luck"), "Not a valid choice"),
        (plan_form(company.other_team.id), "Not a valid choice"),  # not one of the manager's teams
        (plan_form(company.team.id, announce="y"), "Give the channel to announce in, or untick the box."),
        (
            plan_form(company.team.id, announce="y", announce_channel="#general"),
            "Give the channel&#39;s ID, such as C0123456789",
        ),
        (plan_form(company.team.id, action="Shout\x07outs"), "Remove the control characters (U+0007)"),
    ]
    for data, message in cases:
        response = client.post("/plans/new", data=data)
        assert response.status_code == 400, message
        assert message in response.get_data(as_text=True)
    assert plans() == []


def test_hr_sees_every_plan_and_its_status_and_managers_only_their_teams(client, login, company, make_user):
    login(company.manager_user)
    client.post("/plans/new", data=plan_form(company.team.id))
    client.post("/logout")
    login(company.hr)
    client.post("/plans/new", data=plan_form(company.other_team.id, action="Pair new starters"))
    [mine, theirs] = plans()
    assert theirs.owner_id is None  # HR without an employee record: no one to remind

    assert client.post(f"/plans/{mine.id}", data={"status": "done"}).status_code == 302
    listing = client.get("/plans/").get_data(as_text=True)
    assert "Weekly shout-outs" in listing and "Pair new starters" in listing
    assert f'<tr data-plan="{mine.id}">' in listing and ">done<" in listing.replace("\n", "").replace(" ", "")
    assert "Pair new starters" not in client.get("/plans/?status=done").get_data(as_text=True)
    assert client.get("/plans/?status=lost").status_code == 400

    client.post("/logout")
    login(company.manager_user)
    assert "Pair new starters" not in client.get("/plans/").get_data(as_text=True)
    assert client.get(f"/plans/{theirs.id}").status_code == 404
