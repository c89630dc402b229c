from datetime import timedelta

import sqlalchemy as sa

from engage.extensions import db
from engage.models import (
    CompanyValue,
    CustomerAccount,
    Employee,
    Kudos,
    KudosRecipient,
    PulseDelivery,
    PulseResponse,
    Question,
    Rating,
    Team,
    User,
)


def count(model, *where) -> int:
    return db.session.execute(sa.select(sa.func.count()).select_from(model).where(*where)).scalar_one()


def test_seed_demo_builds_a_believable_company(demo, app, runner, client):
    assert "sign in as admin@demo.example" in demo  # what seed-demo said when it filled the database

    # teams, nested: eleven customer-facing teams of 8 to 10, IT (8), one group below the anonymity threshold
    teams = {t.name: t for t in db.session.scalars(sa.select(Team))}
    assert len(teams) == 17
    assert {t.name for t in teams["Customer Support"].children} == {
        "Support EMEA",
        "Support DACH",
        "Support Americas",
        "Support LATAM",
        "Support APAC",
        "Support Enterprise",
        "Support Chat",
        "Support Technical",
        "Support Escalations",
    }
    assert [t.name for t in teams["Finance"].children] == ["Billing"]
    sizes = {name: count(Employee, Employee.team_id == t.id) for name, t in teams.items()}
    groups = {name: sizes[name] + sum(sizes[c.name] for c in t.children) for name, t in teams.items()}
    assert [name for name, size in groups.items() if size < app.config["ANONYMITY_THRESHOLD"]] == ["Billing"]
    assert groups["Finance"] == 7 and sizes["Customer Support"] == 2 and sizes["Support Escalations"] == 6
    leaves = [name for name, t in teams.items() if not t.children and name not in ("Sales", "Billing", "IT")]
    assert len([name for name in leaves if 8 <= sizes[name] <= 10]) == 11 and sizes["IT"] == 8

    people = list(db.session.scalars(sa.select(Employee)))
    assert 120 <= len(people) <= 135
    assert all(p.slack_user_id and p.timezone and p.team_id for p in people)
    assert sum(p.manager_id is not None for p in people) > 110
    assert {"America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"} <= {
        p.timezone for p in people
    }

    # a year of working-day pulses, one or two a day, ~70-80% answered, monthly eNPS, some comments
    days = [d for (d,) in db.session.execute(sa.select(PulseDelivery.pulse_date).distinct())]
    assert all(d.weekday() < 5 for d in days)
    assert max(days) - min(days) >= timedelta(weeks=51)
    deliveries = count(PulseDelivery)
    assert len(people) * len(days) <= deliveries <= 2 * len(people) * len(days)
    assert 0.70 <= count(PulseResponse) / deliveries <= 0.82
    enps = db.session.scalar(sa.select(Question).where(Question.driver == "enps"))
    enps_days = {
        d
        for (d,) in db.session.execute(
            sa.select(PulseDelivery.pulse_date).where(PulseDelivery.question_id == enps.id).distinct()
        )
    }
    assert 12 <= len(enps_days) <= 13 and len({(d.year, d.month) for d in enps_days}) == len(enps_days)
    assert count(Question, Question.driver == "workload", Question.scale == "likert5") == 3

    # one Wednesday in four a person's question is an open one, answered in words by fewer people
    open_ids = sa.select(Question.id).where(Question.scale == "open")
    asked_open = count(PulseDelivery, PulseDelivery.question_id.in_(open_ids))
    words = list(
        db.session.execute(
            sa.select(PulseResponse.score, PulseResponse.comment).where(
                PulseResponse.question_id.in_(open_ids)
            )
        )
    )
    assert 0.025 * deliveries <= asked_open <= 0.04 * deliveries
    assert 0.35 * asked_open <= len(words) <= 0.6 * asked_open
    assert {score for score, _ in words} == {None}
    assert all(text[0].isupper() and text[-1] == "." and "{" not in text for _, text in words)
    assert len({text for _, text in words}) >= 0.8 * len(words)

    # kudos, some saving an account with revenue kept
    assert count(CompanyValue) >= 3 and count(CustomerAccount) >= 10
    assert count(Kudos) > 200 and count(KudosRecipient) >= count(Kudos)
    saves = list(db.session.scalars(sa.select(Kudos).where(Kudos.account_id.is_not(None))))
    assert len(saves) > 20 and all(k.revenue_kept > 0 and k.currency == "USD" for k in saves)

    # ratings from three sources on the common 0-100 scale
    ratings = list(db.session.scalars(sa.select(Rating)))
    assert {r.source for r in ratings} == {"zendesk", "intercom", "delighted"}
    for r in ratings:
        if r.source == "zendesk":
            assert r.score == (int(r.raw_value) - 1) * 25 and r.satisfied == (int(r.raw_value) >= 4)
        elif r.source == "intercom":
            assert r.score == (100 if r.raw_value == "good" else 0) and r.satisfied == (r.raw_value == "good")
        else:
            assert r.kind == "nps" and r.score == int(r.raw_value) * 10
            assert r.satisfied == (int(r.raw_value) >= 9)

    # comments that read like people's own words, not a dozen sentences repeated
    comments = list(
        db.session.scalars(
            sa.select(PulseResponse.comment).where(
                PulseResponse.comment.is_not(None), PulseResponse.score.is_not(None)
            )
        )
    )
    assert len(comments) > 1000
    assert len(set(comments)) >= 0.9 * len(comments)
    assert all(c[0].isupper() and c[-1] in ".!?" and "{" not in c for c in comments)

    # demo sign-ins work; the manager heads teams with reports
    manager = db.session.scalar(sa.select(User).where(User.email == "manager@demo.example"))
    assert count(Employee, Employee.manager_id == manager.employee_id) >= 3
    for email in ("admin@demo.example", "hr@demo.example", "manager@demo.example"):
        assert client.post("/login", data={"email": email, "password": "demo-password"}).status_code == 302
        teams_page = client.get("/teams").data
        assert (b"Sales" in teams_page) == (email != "manager@demo.example")
        client.post("/logout")

    # a second run leaves the data alone
    again = runner.invoke(args=["engage", "seed-demo", "--if-empty"])
    assert again.exit_code == 0 and "not added" in again.output
    refused = runner.invoke(args=["engage", "seed-demo"])
    assert refused.exit_code != 0 and "only fills an empty database" in refused.output
    assert count(Employee) == len(people)
