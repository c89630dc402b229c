import html
import io

import sqlalchemy as sa

from engage.extensions import db
from engage.models import TeamMapping
from tests.csat.conftest import HEADER


def _upload(client, text: str, source: str = ""):
    data = {"file": (io.BytesIO(text.encode()), "ratings.csv"), "source": source}
    return client.post(
        "/ratings/import", data=data, content_type="multipart/form-data", follow_redirects=True
    )


def test_hr_uploads_a_file(client, make_user, login, make_team, ratings):
    make_team("Support")
    login(make_user("hr"))
    page = client.get("/ratings/import")
    assert page.status_code == 200
    assert b"source,external_id,rated_at,kind,value,scale,team,group,agent_email" in page.data
    text = "external_id,rated_at,kind,value,team\n1,2026-03-02T09:00:00Z,csat,5,Support\n"
    response = _upload(client, text, source="chatwoot")
    assert response.status_code == 200
    assert b"Ratings imported: 1 new, 0 updated, 0 unchanged" in response.data
    assert ratings()[("chatwoot", "1")].score == 100.0
    assert b"0 new, 0 updated, 1 unchanged" in _upload(client, text, source="chatwoot").data


def test_upload_errors_show_line_numbers(client, make_user, login, make_team, ratings):
    make_team("Support")
    login(make_user("admin"))
    text = f"{HEADER}\nzendesk,1,2026-03-02,csat,good,,Support,,\nzendesk,2,2026-03-02,csat,meh,,Support,,\n"
    response = _upload(client, text)
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert "Nothing was imported: 1 problem to fix" in page
    assert "<td>3</td><td>value</td>" in page
    assert (
        "csat needs 1-5 or good/bad or great/okay/bad (give scale ces7 for a 1-7 effort score), got 'meh'"
    ) in page
    assert ratings() == {}


def test_upload_without_file_is_refused(client, make_user, login):
    login(make_user("hr"))
    response = client.post("/ratings/import", data={"source": "x"}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert b"Choose a CSV file to upload." in response.data


def test_managers_cannot_import_or_map(client, make_user, login, make_employee):
    login(make_user("manager", employee=make_employee()))
    assert client.get("/ratings/import").status_code == 403
    assert client.get("/ratings/mappings").status_code == 403
    assert b"Ratings" not in client.get("/ratings/import").data.split(b"<main>")[0]


def test_hr_manages_group_mappings(client, make_user, login, make_team):
    support = make_team("Support")
    login(make_user("hr"))
    form = {"source": "zendesk", "external_group": "Tier 1", "team_id": support.id}
    response = client.post("/ratings/mappings", data=form, follow_redirects=True)
    assert b"Group Tier 1 of zendesk now maps to Support." in response.data
    clash = client.post("/ratings/mappings", data=form | {"external_group": "tier 1"})
    assert clash.status_code == 422
    assert b"already maps to Support" in clash.data
    mapping = db.session.scalar(sa.select(TeamMapping))
    assert (mapping.source, mapping.external_group, mapping.team_id) == ("zendesk", "Tier 1", support.id)
    response = client.post(f"/ratings/mappings/{mapping.id}/delete", follow_redirects=True)
    assert b"Mapping deleted." in response.data
    assert db.session.scalar(sa.select(TeamMapping)) is None
    assert client.post(f"/ratings/mappings/{mapping.id}/delete").status_code == 404


def test_mapping_needs_a_real_team(client, make_user, login, make_team):
    make_team("Support")
    login(make_user("admin"))
    response = client.post(
        "/ratings/mappings", data={"source": "zendesk", "external_group": "x", "team_id": 999}
    )
    assert response.status_code == 422
    assert db.session.scalar(sa.select(TeamMapping)) is None
