"""A real company's first day: README's deployment commands on an empty database, no demo, no fixtures.

Nothing here installs questions or values: what the product needs must come from the migrations.
"""

import os
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from engage import create_app
from engage.extensions import db
from engage.models import Employee, Kudos, PulseDelivery, PulseResponse, Question
from engage.models.base import utcnow
from engage.models.pulses import INTERNAL_SERVICE
from engage.pulses.jobs import run_pulse_cycle
from engage.pulses.question_bank import (
    ENPS_QUESTION,
    INTERNAL_SERVICE_QUESTION,
    OPEN_QUESTIONS,
    QUESTION_BANK,
    install_question_bank,
)
from tests.conftest import throwaway_database
from tests.slack_requests import SIGNING_SECRET, slash_command

ROOT = Path(__file__).resolve().parents[1]
ROSTER = """email,name,team,manager_email
ana@example.com,Ana Lima,Customer Support,
bo@example.com,Bo Berg,Customer Support / Support EMEA,ana@example.com
cy@example.com,Cy Chen,Customer Support / Support EMEA,ana@example.com
dee@example.com,Dee Diaz,Sales,
"""
SLACK_USERS = [  # Dee is not in Slack (yet): not linked, so no pulse for her
    {"id": "UANA", "tz": "Europe/London", "profile": {"email": "ana@example.com"}},
    {"id": "UBO", "tz": "Europe/Berlin", "profile": {"email": "BO@example.com"}},
    {"id": "UCY", "tz": "America/New_York", "profile": {"email": "cy@example.com"}},
    {"id": "UBOT", "is_bot": True, "profile": {}},
]
BANK = {(driver, text) for driver, texts in QUESTION_BANK.items() for text in texts}
BANK.add(("enps", ENPS_QUESTION))
BANK |= set(OPEN_QUESTIONS.items())
BANK.add((INTERNAL_SERVICE, INTERNAL_SERVICE_QUESTION))


@pytest.fixture
def fresh_database_url(tmp_path):
    with throwaway_database(tmp_path / "fresh.sqlite", "engage_fresh") as url:
        yield url


def flask(database_url: str, slack_api_url: str, *args: str, stdin: str | None = None) -> str:
    """Run `flask --app wsgi ...` as README's Deployment does, configured from the environment only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ENGAGE_", "FLASK_"))} | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "fresh-install-test-key",
        "SLACK_BOT_TOKEN": "xoxb-fresh",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api_url,
    }
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def next_tuesday_at(hour: int) -> datetime:
    """A due time for London, Berlin and New York alike (10:00 local or later on a working day)."""
    today = utcnow().date()
    return datetime.combine(today + timedelta(days=(1 - today.weekday()) % 7 or 7), time(hour))


def test_readme_deployment_without_the_demo_sends_every_linked_person_a_pulse_and_takes_kudos(
    tmp_path, fresh_database_url, fake_slack
):
    fake_slack.users = SLACK_USERS
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)

    flask(fresh_database_url, fake_slack.api_url, "db", "upgrade")
    password = "a long fresh-install password"
    created = flask(
        fresh_database_url,
        fake_slack.api_url,
        "engage",
        "create-admin",
        "--email",
        "admin@example.com",
        stdin=f"{password}\n{password}\n",
    )
    assert "created admin admin@example.com" in created
    imported = flask(fresh_database_url, fake_slack.api_url, "engage", "import-roster", str(roster))
    assert "4 created" in imported
    synced = flask(fresh_database_url, fake_slack.api_url, "engage", "sync-users")
    assert "linked or updated 3" in synced and "skipped 1 bots" in synced

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": fresh_database_url,
            "TESTING": True,
            "SECRET_KEY": "test",
            "SLACK_BOT_TOKEN": "xoxb-fresh",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake_slack.api_url,
            "ENGAGE_TIMEZONE": "UTC",
            "PULSE_LOCAL_HOUR": 10,
        }
    )
    with app.app_context():
        try:
            report = run_pulse_cycle(app, now=next_tuesday_at(16))  # what the scheduler's job runs
            assert report.sending.failed == 0

            dms = {call.params["channel"] for call in fake_slack.calls_to("chat.postMessage")}
            assert dms == {"UANA", "UBO", "UCY"}
            deliveries = list(db.session.scalars(sa.select(PulseDelivery)))
            assert {d.status for d in deliveries} == {"sent"}
            dee = db.session.scalar(sa.select(Employee).where(Employee.email == "dee@example.com"))
            assert dee.id not in {d.employee_id for d in deliveries}

            said = slash_command(
                app.test_client(),
                "/kudos",
                "<@UBO|bo> <@UCY> for calming Acme",
                "UANA",
                response_url=fake_slack.api_url + "respond",
                trigger_id="first-day",
            )
            assert said.status_code == 200
            assert "Kudos for <@UBO>, <@UCY> posted in <#C111|random>" in said.get_json()["text"]
            [kudos] = db.session.scalars(sa.select(Kudos))
            assert kudos.message == "calming Acme" and len(kudos.recipients) == 2
            fake_slack.wait_for("chat.postMessage", len(deliveries) + 3)  # the post and two recipients' DMs
            public = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "C111"]
            assert len(public) == 1 and "calming Acme" in str(public[0].params)
        finally:
            if "engage.slack_background" in app.extensions:
                app.extensions["engage.slack_background"].shutdown()
            db.session.remove()
            db.engine.dispose()


def revision_before(revision: str) -> str:
    script = ScriptDirectory(str(ROOT / "migrations")).get_revision(revision)
    assert script is not None and isinstance(script.down_revision, str), revision
    return script.down_revision


def questions() -> set[tuple[str, str]]:
    active = sa.select(Question.driver, Question.text).where(Question.retired_at.is_(None))
    return {(driver, text) for driver, text in db.session.execute(active)}


def test_migrations_install_the_question_bank_once_and_remove_only_unasked_questions(fresh_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database_url, "TESTING": True})
    with app.app_context():
        try:
            upgrade()
            assert questions() == BANK
            assert db.session.scalar(sa.select(Question.scale).where(Question.driver == "enps")) == "nps10"
            assert install_question_bank() == 0  # what seed-demo runs: nothing twice

            # a score question: the open ones go with a later migration's downgrade
            workload = Question.driver == "workload"
            asked = db.session.scalars(
                sa.select(Question).where(workload, Question.scale == "likert5")
            ).first()
            own = Question(driver="growth", text="Our own question", scale="likert5")
            ana = Employee(email="ana@example.com", name="Ana")
            db.session.add_all([own, ana])
            db.session.flush()
            db.session.add(
                PulseDelivery(
                    employee_id=ana.id, question_id=asked.id, pulse_date=utcnow().date(), status="sent"
                )
            )
            db.session.commit()
            asked_text = asked.text
            db.session.remove()

            downgrade(revision=revision_before("0005_default_questions"))
            left = set(db.session.scalars(sa.select(Question.text)))
            db.session.remove()  # its read lock on question would hold up the upgrade's ALTER TABLE question
            assert left == {asked_text, "Our own question"}

            upgrade()
            assert questions() == BANK | {("growth", "Our own question")}
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == len(BANK) + 1
        finally:
            db.session.remove()
            db.engine.dispose()


def test_the_open_questions_come_with_the_migrations_and_go_with_their_answers_on_downgrade(
    fresh_database_url,
):
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database_url, "TESTING": True})
    with app.app_context():
        try:
            upgrade()
            opened = sa.select(Question.driver, Question.text).where(Question.scale == "open")
            assert {tuple(row) for row in db.session.execute(opened)} == set(OPEN_QUESTIONS.items())
            ana = Employee(email="ana@example.com", name="Ana")
            db.session.add(ana)
            db.session.flush()
            for scale, score, words in (("open", None, "Fewer approvals"), ("likert5", 4, "Busy week")):
                asked = db.session.scalars(sa.select(Question).where(Question.scale == scale).limit(1)).one()
                delivery = PulseDelivery(employee_id=ana.id, question=asked, pulse_date=utcnow().date())
                db.session.add(
                    PulseResponse(
                        delivery=delivery, employee_id=ana.id, question=asked, score=score, comment=words
                    )
                )
            db.session.commit()
            db.session.remove()

            downgrade(revision="0015_praise_and_rating_accounts")
            with db.engine.connect() as conn:
                left = conn.execute(sa.text("SELECT score, comment FROM pulse_response")).all()
                scales = set(conn.scalars(sa.text("SELECT DISTINCT scale FROM question")))
            assert [tuple(row) for row in left] == [(4, "Busy week")]
            assert scales == {"likert5", "nps10"}
            upgrade()
            assert {tuple(row) for row in db.session.execute(opened)} == set(OPEN_QUESTIONS.items())
        finally:
            db.session.remove()
            db.engine.dispose()


def test_seed_demo_on_top_of_the_migrations_adds_no_second_question_bank(fresh_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": fresh_database_url, "TESTING": True})
    with app.app_context():
        try:
            upgrade()
            seeded = app.test_cli_runner().invoke(args=["engage", "seed-demo"])
            assert seeded.exit_code == 0, seeded.output
            assert questions() == BANK
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Question)) == len(BANK)
        finally:
            db.session.remove()
            db.engine.dispose()
