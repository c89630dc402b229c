"""The teams a manager may see: down every reporting line, with every sub-team, loops included."""

import sqlalchemy as sa

from engage.auth.access import Principal, visible_team_ids
from engage.extensions import db
from engage.insights import team_list
from engage.models import Employee, Team


def test_a_manager_sees_the_teams_of_every_report_below_and_their_sub_teams(make_team, make_employee):
    support = make_team("Support")
    emea = make_team("Support EMEA", parent=support)
    night = make_team("Night shift", parent=emea)
    sales = make_team("Sales")
    make_team("Billing")
    head = make_employee(team=None)
    lead = make_employee(team=support, manager=head)
    make_employee(team=emea, manager=lead)
    make_employee(team=sales)  # no manager: not under head
    manager = Principal("manager", head.id)

    assert visible_team_ids(manager) == {support.id, emea.id, night.id}
    assert [(t.name, t.depth) for t in team_list(manager)] == [
        ("Support", 0),
        ("Support EMEA", 1),
        ("Night shift", 2),
    ]
    assert visible_team_ids(Principal("manager", lead.id)) == {emea.id, night.id}
    assert visible_team_ids(Principal("manager", None)) == set()


def test_loops_in_reporting_lines_or_teams_end_and_leave_out_the_managers_own_team(make_team, make_employee):
    ring_a = make_team("Ring A")
    ring_b = make_team("Ring B", parent=ring_a)
    db.session.execute(sa.update(Team).where(Team.id == ring_a.id).values(parent_id=ring_b.id))
    boss = make_employee(team=make_team("Own"))
    report = make_employee(team=ring_a, manager=boss)
    db.session.execute(sa.update(Employee).where(Employee.id == boss.id).values(manager_id=report.id))
    db.session.commit()

    assert visible_team_ids(Principal("manager", boss.id)) == {ring_a.id, ring_b.id}
