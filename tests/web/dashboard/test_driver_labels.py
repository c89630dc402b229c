from datetime import date, datetime, time

import sqlalchemy as sa

from engage.extensions import db
from engage.insights import rollups
from engage.models import PulseDelivery, PulseResponse, Question, driver_label
from engage.pulses.question_bank import install_question_bank


def test_driver_labels():
    assert [driver_label(d) for d in ("enps", "manager_relationship", "growth")] == [
        "eNPS",
        "Manager relationship",
        "Growth",
    ]


def test_comments_page_labels_the_enps_driver_enps(client, make_team, make_employee, make_user, login):
    install_question_bank()
    enps = db.session.scalar(sa.select(Question).where(Question.driver == "enps"))
    team = make_team("Support")
    day = date.today().replace(day=1)
    for _ in range(8):
        person = make_employee(team)
        delivery = PulseDelivery(
            employee_id=person.id,
            team_id=team.id,
            question=enps,
            pulse_date=day,
            status="sent",
            sent_at=datetime.combine(day, time(9)),
        )
        db.session.add(
            PulseResponse(
                delivery=delivery,
                employee_id=person.id,
                team_id=team.id,
                question=enps,
                score=9,
                comment="Good place",
                answered_at=datetime.combine(day, time(10)),
            )
        )
    db.session.commit()
    rollups.refresh()
    login(make_user("hr"))

    page = client.get(f"/dashboard/comments?team_id={team.id}").get_data(as_text=True)

    assert page.count("eNPS · ") == 8 and "Enps" not in page
