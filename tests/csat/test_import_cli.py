from datetime import datetime

import sqlalchemy as sa

from engage.csat.csvfile import read_ratings_csv
from engage.csat.importer import RatingsRejected, import_ratings
from engage.extensions import db
from engage.models import Rating, TeamMapping
from tests.csat.conftest import HEADER


def _import(runner, path, *args):
    return runner.invoke(args=["engage", "import-ratings", path, *args])


def test_every_help_desk_shape_is_imported(runner, make_team, csv_file, ratings):
    make_team("Support")
    path = csv_file(
        HEADER,
        "chatwoot,cw-1,2026-03-02T09:00:00Z,csat,5,csat5,Support,,",
        "intercom,ic-1,2026-03-02T10:00:00+01:00,csat,2,,support,,",
        "zendesk,zd-1,2026-03-02T11:00:00Z,csat,Good,good_bad,Support,,",
        "zendesk,zd-2,2026-03-02T11:30:00Z,csat,bad,,Support,,",
        "zendesk,zd-3,2026-03-02T11:45:00Z,csat,offered,,Support,,",
        "delighted,nps-1,2026-03-03,nps,9,nps10,Support,,",
        "delighted,nps-2,2026-03-03,,6,nps10,Support,,",
    )
    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    assert "created 6, updated 0, unchanged 0, skipped (unanswered) 1" in result.output
    stored = ratings()
    assert set(stored) == {
        ("chatwoot", "cw-1"),
        ("intercom", "ic-1"),
        ("zendesk", "zd-1"),
        ("zendesk", "zd-2"),
        ("delighted", "nps-1"),
        ("delighted", "nps-2"),
    }
    summary = {key: (r.kind, r.raw_value, r.score, r.satisfied) for key, r in stored.items()}
    assert summary[("chatwoot", "cw-1")] == ("csat", "5", 100.0, True)
    assert summary[("intercom", "ic-1")] == ("csat", "2", 25.0, False)
    assert summary[("zendesk", "zd-1")] == ("csat", "good", 100.0, True)
    assert summary[("zendesk", "zd-2")] == ("csat", "bad", 0.0, False)
    assert summary[("delighted", "nps-1")] == ("nps", "9", 90.0, True)
    assert summary[("delighted", "nps-2")] == ("nps", "6", 60.0, False)
    assert stored[("intercom", "ic-1")].rated_at == datetime(2026, 3, 2, 9, 0)
    assert stored[("delighted", "nps-1")].rated_at == datetime(2026, 3, 3)
    assert {r.team.name for r in stored.values()} == {"Support"}


def test_groups_and_agents_place_ratings_in_teams(runner, make_team, make_employee, csv_file, ratings):
    emea, billing, sales = make_team("Support EMEA"), make_team("Billing"), make_team("Sales")
    db.session.add(TeamMapping(source="zendesk", external_group="Tier 1 EU", team_id=emea.id))
    db.session.commit()
    make_employee(billing, email="Ana@Example.com")
    make_employee(sales, email="sam@example.com")
    path = csv_file(
        "external_id,rated_at,kind,value,group,agent_email",
        "1,2026-03-02T09:00:00Z,csat,good,tier 1 eu,sam@example.com",
        "2,2026-03-02T09:00:00Z,csat,good,,ana@example.com",
        "3,2026-03-02T09:00:00Z,csat,bad,Unmapped queue,ANA@example.com",
    )
    result = _import(runner, path, "--source", "zendesk")
    assert result.exit_code == 0, result.output
    teams = {key[1]: r.team_id for key, r in ratings().items()}
    assert teams == {"1": emea.id, "2": billing.id, "3": billing.id}
    assert ratings()[("zendesk", "3")].agent_email == "ana@example.com"


def test_reimport_changes_nothing_and_a_new_score_updates(runner, make_team, csv_file, ratings):
    make_team("Support")
    lines = [
        HEADER,
        "chatwoot,a,2026-03-02T09:00:00Z,csat,4,,Support,,",
        "chatwoot,b,2026-03-02T09:00:00Z,csat,3,,Support,,",
    ]
    assert "created 2," in _import(runner, csv_file(*lines)).output
    first = {key: (r.id, r.imported_at) for key, r in ratings().items()}
    result = _import(runner, csv_file(*lines))
    assert "created 0, updated 0, unchanged 2" in result.output
    assert {key: (r.id, r.imported_at) for key, r in ratings().items()} == first
    lines[2] = "chatwoot,b,2026-03-02T09:00:00Z,csat,5,,Support,,"
    assert "created 0, updated 1, unchanged 1" in _import(runner, csv_file(*lines)).output
    assert (ratings()[("chatwoot", "b")].score, ratings()[("chatwoot", "b")].satisfied) == (100.0, True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Rating)) == 2


def test_bad_rows_are_listed_by_line_and_nothing_is_imported(runner, make_team, csv_file, ratings):
    make_team("Support")
    path = csv_file(
        HEADER,
        "chatwoot,ok-1,2026-03-02T09:00:00Z,csat,4,,Support,,",
        "chatwoot,ok-2,yesterday,csat,4,,Support,,",
        "chatwoot,ok-3,2026-03-02T09:00:00Z,csat,7,,Support,,",
        "",
        "chatwoot,ok-4,2026-03-02T09:00:00Z,csat,4,,Nowhere,,",
        "chatwoot,ok-1,2026-03-02T09:00:00Z,csat,4,,Support,,",
        "zendesk,zd,2026-03-02T09:00:00Z,csat,good,,,Tier 9,",
        "zendesk,zd-2,2026-03-02T09:00:00Z,csat,good,,,,not-an-email",
        ",,2026-03-02T09:00:00Z,csat,good,,Support,,",
        "chatwoot,short,2026-03-02",
    )
    result = _import(runner, path)
    assert result.exit_code != 0
    out = result.output
    assert "line 3, rated_at: rated_at 'yesterday' is not an ISO 8601 time" in out
    assert (
        "line 4, value: csat needs 1-5 or good/bad or great/okay/bad (give scale ces7 for a 1-7 effort "
        "score), got '7'"
    ) in out
    assert "line 6, team: no team named 'Nowhere'" in out
    assert "line 7, external_id: 'ok-1' of source 'chatwoot' is already on line 2" in out
    assert "line 8, group: group 'Tier 9' of source 'zendesk' is not mapped to a team" in out
    assert "line 9, agent_email: agent_email 'not-an-email' is not an email address" in out
    assert "line 10, source: source is required" in out
    assert "line 10, external_id: external_id is required" in out
    assert "line 11, file: this line has 3 fields; the header has 9" in out
    assert "nothing imported: 9 problem(s) to fix" in out
    assert ratings() == {}


def test_an_error_after_written_batches_rolls_everything_back(app, make_team, csv_file, ratings):
    make_team("Support")
    good = [f"chatwoot,r{i},2026-03-02T09:00:00Z,csat,4,,Support,," for i in range(7)]
    path = csv_file(HEADER, *good, "chatwoot,bad,2026-03-02T09:00:00Z,csat,9,,Support,,")
    with open(path, "rb") as stream:
        try:
            import_ratings(read_ratings_csv(stream), batch_size=2)
        except RatingsRejected as exc:
            assert [(p.at, p.field) for p in exc.problems] == [(9, "value")]
        else:
            raise AssertionError("the bad row was accepted")
    assert ratings() == {}


def test_file_level_problems(runner, csv_file, tmp_path, ratings):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "line 1, file: the file is empty" in _import(runner, str(empty)).output
    wrong_header = csv_file("source,id,when,score")
    out = _import(runner, wrong_header).output
    assert "unknown column(s) 'id', 'when', 'score'" in out
    assert "missing column(s): external_id, rated_at, value" in out
    assert "give a kind column" in out
    assert "give a team, group or agent_email column" in out
    no_source = csv_file("external_id,rated_at,kind,value,team", "1,2026-03-02,csat,4,Support")
    assert "missing column(s): source" in _import(runner, no_source).output
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes((HEADER + "\nzendesk,1,2026-03-02,csat,good,,Soporte Espa\xf1a,,\n").encode("latin-1"))
    assert "the file is not UTF-8 text" in _import(runner, str(latin1)).output
    assert ratings() == {}


def test_utf8_with_bom_and_crlf_is_read(runner, make_team, tmp_path, ratings):
    make_team("Soporte España")
    path = tmp_path / "excel.csv"
    path.write_bytes(
        ("\ufeff" + HEADER + "\r\nzendesk,1,2026-03-02,csat,good,,Soporte España,,\r\n").encode("utf-8")
    )
    result = _import(runner, str(path))
    assert result.exit_code == 0, result.output
    assert ratings()[("zendesk", "1")].team.name == "Soporte España"


def test_the_customers_comment_and_account_are_optional_columns(runner, make_team, csv_file, ratings):
    make_team("Support")
    path = csv_file(
        HEADER + ",comment,account",
        'zendesk,zd-1,2026-03-02T09:00:00Z,csat,5,,Support,,,"Ana sorted my refund\nin one call",Acme Corp',
        "zendesk,zd-2,2026-03-02T09:30:00Z,csat,4,,Support,,,,",
    )
    assert _import(runner, path).exit_code == 0

    stored = ratings()
    assert stored[("zendesk", "zd-1")].comment == "Ana sorted my refund\nin one call"
    assert stored[("zendesk", "zd-1")].account == "Acme Corp"
    assert (stored[("zendesk", "zd-2")].comment, stored[("zendesk", "zd-2")].account) == (None, None)


def test_an_account_with_control_characters_or_too_long_refuses_the_file(
    runner, make_team, csv_file, ratings
):
    make_team("Support")
    path = csv_file(
        HEADER + ",comment,account",
        "zendesk,zd-1,2026-03-02T09:00:00Z,csat,5,,Support,,,,Acme\x1b[31m",
        f"zendesk,zd-2,2026-03-02T09:00:00Z,csat,5,,Support,,,,{'A' * 201}",
    )
    result = _import(runner, path)

    assert result.exit_code == 1
    assert "line 2" in result.output and "account contains control character(s) (U+001B)" in result.output
    assert "line 3" in result.output and "account is longer than 200 characters" in result.output
    assert ratings() == {}
