from datetime import date

import pytest
import sqlalchemy as sa

from engage.extensions import db
from engage.models import Employee, PulseDelivery, PulseResponse, Question, Team
from engage.people.roster import RosterError, import_roster

HEADER = "email,name,team,manager_email,slack_user_id,timezone\n"
ROSTER = HEADER + (
    "ana@example.com,Ana Lima,Customer Support,,U0ANA,Europe/London\n"
    "ben@example.com,Ben Okafor,Customer Support / Support EMEA,ana@example.com,U0BEN,Europe/Berlin\n"
    "cy@example.com,Cy Tanaka,Customer Support / Support APAC,ana@example.com,,Australia/Sydney\n"
    "dee@example.com,Dee Patel,Support EMEA,ben@example.com,U0DEE,America/Los_Angeles\n"
)


def people() -> dict[str, Employee]:
    return {e.email: e for e in db.session.scalars(sa.select(Employee))}


def snapshot() -> list[tuple]:
    rows = db.session.execute(
        sa.select(
            Employee.email,
            Employee.name,
            Employee.team_id,
            Employee.manager_id,
            Employee.slack_user_id,
            Employee.timezone,
            Employee.active,
        ).order_by(Employee.email)
    ).all()
    teams = db.session.execute(sa.select(Team.name, Team.parent_id).order_by(Team.name)).all()
    return [tuple(r) for r in rows] + [tuple(t) for t in teams]


def test_first_import_creates_people_teams_and_managers(app):
    summary = import_roster(ROSTER.encode())

    assert (summary.created, summary.updated, summary.deactivated) == (4, 0, 0)
    assert sorted(summary.teams_created) == ["Customer Support", "Support APAC", "Support EMEA"]
    staff = people()
    assert staff["ben@example.com"].team.name == "Support EMEA"
    assert staff["ben@example.com"].team.parent.name == "Customer Support"
    assert staff["dee@example.com"].manager.email == "ben@example.com"
    assert staff["cy@example.com"].slack_user_id is None
    assert staff["dee@example.com"].timezone == "America/Los_Angeles"
    assert staff["ana@example.com"].manager is None


def test_optional_columns_may_be_left_out_and_a_bom_is_fine(app):
    text = (
        "\ufeffEmail, Name ,team,manager_email\r\n"
        "ana@example.com,Ana,Support,\r\nbo@example.com,Bo,Support,ana@example.com\r\n"
    )
    summary = import_roster(text.encode())

    assert summary.created == 2
    assert people()["bo@example.com"].manager.email == "ana@example.com"


def test_reimport_updates_in_place_deactivates_the_missing_and_reactivates_returners(app):
    import_roster(ROSTER.encode())
    ids = {email: e.id for email, e in people().items()}
    second = HEADER + (
        "ANA@Example.com,Ana Lima-Silva,Customer Support,,U0ANA,Europe/London\n"
        "ben@example.com,Ben Okafor,Support APAC,ana@example.com,U0BEN,Europe/Berlin\n"
        "dee@example.com,Dee Patel,Support EMEA,ben@example.com,,\n"
    )
    summary = import_roster(second.encode())

    assert (summary.created, summary.updated, summary.unchanged, summary.deactivated) == (0, 2, 1, 1)
    staff = people()
    assert {email: e.id for email, e in staff.items()} == ids
    assert staff["ana@example.com"].name == "Ana Lima-Silva"
    assert staff["ben@example.com"].team.name == "Support APAC"
    assert staff["cy@example.com"].active is False
    # empty slack_user_id / timezone keep what engage already knows (e.g. from the Slack sync)
    assert staff["dee@example.com"].slack_user_id == "U0DEE"
    assert staff["dee@example.com"].timezone == "America/Los_Angeles"

    summary = import_roster(ROSTER.encode())
    assert (summary.reactivated, summary.deactivated) == (1, 0)
    assert people()["cy@example.com"].active is True


def test_moving_team_keeps_past_answers_with_the_old_team(app):
    import_roster(ROSTER.encode())
    ben = people()["ben@example.com"]
    emea = ben.team
    question = Question(driver="workload", text="My workload is fine.", scale="likert5")
    delivery = PulseDelivery(
        employee_id=ben.id, team_id=emea.id, question=question, pulse_date=date(2026, 1, 5)
    )
    db.session.add(
        PulseResponse(delivery=delivery, employee_id=ben.id, team_id=emea.id, question=question, score=4)
    )
    db.session.commit()

    import_roster(ROSTER.replace("Customer Support / Support EMEA,ana", "Support APAC,ana").encode())

    assert people()["ben@example.com"].team.name == "Support APAC"
    response = db.session.scalar(sa.select(PulseResponse))
    assert response.team_id == emea.id
    assert db.session.scalar(sa.select(PulseDelivery.team_id)) == emea.id


def test_slack_ids_can_swap_between_two_people(app):
    import_roster(ROSTER.encode())
    swapped = ROSTER.replace("U0BEN", "TMP").replace("U0DEE", "U0BEN").replace("TMP", "U0DEE")
    import_roster(swapped.encode())

    assert people()["ben@example.com"].slack_user_id == "U0DEE"
    assert people()["dee@example.com"].slack_user_id == "U0BEN"


BAD_ROWS = [
    ("ana@example.com,Ana,Support,,,\nana@example.com,Ana Again,Support,,,\n", 3, "already on line 3"),
    ("not-an-email,Ana,Support,,,\n", 2, "email 'not-an-email' is not valid"),
    ("ana@example.com,,Support,,,\n", 2, "the name is empty"),
    ("ana@example.com,Ana,,,,\n", 2, "the team is empty"),
    ("ana@example.com,Ana,Support /  ,,,\n", 2, "has an empty part"),
    ("ana@example.com,Ana,Support,,U0X1,\nbo@example.com,Bo,Support,,U0X1,\n", 3, "also on line 3"),
    ("ana@example.com,Ana,Support,nobody@example.com,,\n", 2, "nobody@example.com is nobody"),
    ("ana@example.com,Ana,Support,ana@example.com,,\n", 2, "cannot be their own manager"),
    (
        "ana@example.com,Ana,Support,bo@example.com,,\nbo@example.com,Bo,Support,ana@example.com,,\n",
        2,
        "managers form a loop",
    ),
    ("ana@example.com,Ana,Support,,,Mars/Olympus\n", 2, "not an IANA time zone"),
    ("ana@example.com,Ana,Support,,not-slack,\n", 2, "not a Slack member id"),
    ("ana@example.com,Ana,Support,,\n", 2, "has 5 fields but the header has 6"),
    ("ana@example.com,Ana,A / B,,,\nbo@example.com,Bo,C / B,,,\n", 3, "a team has one parent"),
    ("ana@example.com,Ana,A / B,,,\nbo@example.com,Bo,B / A,,,\n", 2, "inside themselves"),
]


@pytest.mark.parametrize(("rows", "line", "reason"), BAD_ROWS)
def test_a_bad_row_is_reported_by_line_and_changes_nothing(app, rows, line, reason):
    import_roster(ROSTER.encode())
    before = snapshot()

    with pytest.raises(RosterError) as refused:
        import_roster((HEADER + "cy@example.com,Cy Tanaka,Support APAC,,,\n" + rows).encode())

    messages = [(issue.line, issue.message) for issue in refused.value.issues]
    assert any(n == line + 1 and reason in message for n, message in messages), messages
    db.session.rollback()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"email,name,team\nana@example.com,Ana,Support\n", "lacks column(s) manager_email"),
        (b"email,name,team,manager_email,phone\n", "unknown column(s) phone"),
        (b"email,name,team,manager_email,name\n", "name appear more than once"),
        (b"email,name,team,manager_email\n", "nobody in it"),
        (b"email,name,team,manager_email\nj\xf6rg@example.com,J\xf6rg,Support,\n", "not UTF-8"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(app, data, reason):
    with pytest.raises(RosterError) as refused:
        import_roster(data)

    assert reason in str(refused.value.issues[0])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Employee)) == 0


def test_every_problem_is_listed_at_once(app):
    rows = HEADER + "bad,Ana,Support,,,\nbo@example.com,,Support,,,Nowhere/Town\n"
    with pytest.raises(RosterError) as refused:
        import_roster(rows.encode())

    assert [issue.line for issue in refused.value.issues] == [2, 3, 3]


def test_a_slack_id_held_by_someone_outside_the_file_is_refused(app):
    import_roster(ROSTER.encode())
    roster = HEADER + "ana@example.com,Ana Lima,Customer Support,,U0BEN,\n"
    with pytest.raises(RosterError) as refused:
        import_roster(roster.encode())

    assert "U0BEN belongs to ben@example.com, who is not in this file" in str(refused.value.issues[0])


def test_a_manager_loop_through_someone_already_stored_is_refused(app):
    import_roster(ROSTER.encode())
    # ben (stored, managed by ana) is not in this file; ana now reports to dee who reports to ben
    roster = HEADER + (
        "ana@example.com,Ana,Customer Support,dee@example.com,,\n"
        "dee@example.com,Dee,Support EMEA,ben@example.com,,\n"
    )
    with pytest.raises(RosterError) as refused:
        import_roster(roster.encode())

    assert "managers form a loop" in refused.value.issues[0].message


def test_a_team_loop_is_reported_once(app):
    roster = HEADER + "ana@example.com,Ana,A / B,,,\nbo@example.com,Bo,B / C,,,\ncy@example.com,Cy,C / A,,,\n"
    with pytest.raises(RosterError) as refused:
        import_roster(roster.encode())

    assert [issue.line for issue in refused.value.issues] == [2]
    assert "inside themselves" in refused.value.issues[0].message


def test_team_names_match_whatever_their_case(app):
    import_roster((HEADER + "ana@example.com,Ana,Support,,,\nbo@example.com,Bo,support,,,\n").encode())

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 1
