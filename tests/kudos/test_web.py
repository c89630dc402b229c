import csv
import io
from datetime import timedelta

import pytest

from engage.extensions import db
from engage.models import CompanyValue, CustomerAccount
from engage.models.base import utcnow


@pytest.fixture
def org(make_team, make_employee, make_kudos):
    """Support (under manager Mia) and Sales, with kudos in both and a save of Acme by both."""
    support, sales = make_team("Support"), make_team("Sales")
    mia = make_employee(name="Mia Manager")
    ann = make_employee(support, name="Ann Agent", manager=mia)
    sam = make_employee(sales, name="Sam Seller")
    cy = make_employee(sales, name="Cy Closer")
    acme = CustomerAccount(name="Acme", crm_id="CRM-9")
    care = CompanyValue(name="Customer care")
    db.session.add_all([acme, care])
    db.session.commit()
    make_kudos(sam, [ann, cy], "Saved Acme together", account=acme, revenue="1000.00", value=care)
    make_kudos(cy, [sam], "Great demo for Globex")
    make_kudos(sam, [cy], "Old news from last year", created_at=utcnow() - timedelta(days=400))
    return {
        "support": support,
        "sales": sales,
        "mia": mia,
        "ann": ann,
        "sam": sam,
        "cy": cy,
        "acme": acme,
        "care": care,
    }


def test_wall_shows_kudos_and_filters(client, login, make_user, org):
    login(make_user("hr"))
    page = client.get("/kudos/").get_data(as_text=True)
    assert "Saved Acme together" in page and "Great demo for Globex" in page
    assert "Saved account: Acme" in page and "$1,000.00" in page

    saves = client.get("/kudos/?saves=y").get_data(as_text=True)
    assert "Saved Acme together" in saves and "Globex" not in saves
    by_value = client.get(f"/kudos/?value={org['care'].id}").get_data(as_text=True)
    assert "Saved Acme together" in by_value and "Globex" not in by_value
    by_account = client.get(f"/kudos/?account={org['acme'].id}").get_data(as_text=True)
    assert "Saved Acme together" in by_account and "Globex" not in by_account
    by_team = client.get(f"/kudos/?team={org['support'].id}").get_data(as_text=True)
    assert "Saved Acme together" in by_team and "Globex" not in by_team
    start = (utcnow() - timedelta(days=500)).date().isoformat()
    end = (utcnow() - timedelta(days=300)).date().isoformat()
    old = client.get(f"/kudos/?start={start}&end={end}").get_data(as_text=True)
    assert "Old news" in old and "Globex" not in old


def test_wall_refuses_bad_filters_with_a_message(client, login, make_user, org):
    login(make_user("hr"))
    response = client.get("/kudos/?start=2026-05-02&end=2026-05-01")
    assert response.status_code == 400
    assert "must be on or after" in response.get_data(as_text=True)
    assert client.get("/kudos/?start=yesterday").status_code == 400


def test_manager_sees_only_kudos_touching_their_teams(client, login, make_user, org):
    login(make_user("manager", employee=org["mia"]))
    page = client.get("/kudos/").get_data(as_text=True)
    assert "Saved Acme together" in page and "Globex" not in page and "Old news" not in page
    assert client.get(f"/kudos/?team={org['sales'].id}").status_code == 400
    boards = client.get("/kudos/leaderboards?days=90").get_data(as_text=True)
    assert "Ann Agent" in boards and "Sam Seller" not in boards and "Cy Closer" not in boards
    accounts = client.get("/kudos/accounts").get_data(as_text=True)
    assert "Support" in accounts and "$500.00" in accounts and "Sales" not in accounts


def test_pages_need_a_signed_in_reader(client, login, make_user, org):
    assert client.get("/kudos/").status_code == 302
    assert client.get("/kudos/export.csv").status_code == 302
    login(make_user("manager", employee=org["mia"]))
    assert client.get("/kudos/admin/values").status_code == 403
    assert client.get("/kudos/admin/settings").status_code == 403


def test_leaderboards_over_rolling_windows(client, login, make_user, make_kudos, org):
    login(make_user("hr"))
    make_kudos(org["ann"], [org["cy"]], "Thanks for covering my shift")
    make_kudos(org["ann"], [org["sam"]], "Thanks for last month", created_at=utcnow() - timedelta(days=20))
    page = client.get("/kudos/leaderboards?days=7").get_data(as_text=True)
    assert "Cy Closer" in page and "Customer care" in page
    people = page.split("<h2>People</h2>")[1].split("</table>")[0]
    assert people.index("Cy Closer") < people.index("Ann Agent")
    assert "<td>Sales</td><td>3</td>" in page and "<td>Support</td><td>1</td>" in page
    default = client.get("/kudos/leaderboards").get_data(as_text=True)
    assert default.split('<div class="grid">')[1] == page.split('<div class="grid">')[1], "7 days by default"
    month = client.get("/kudos/leaderboards?days=30").get_data(as_text=True)
    assert "<td>Sales</td><td>4</td>" in month
    assert client.get("/kudos/leaderboards?days=90").status_code == 200
    response = client.get("/kudos/leaderboards?days=365")
    assert response.status_code == 400 and "days must be one of: 7, 30, 90" in response.get_data(as_text=True)


def test_accounts_board_splits_revenue_between_teams(client, login, make_user, org):
    login(make_user("hr"))
    page = client.get("/kudos/accounts").get_data(as_text=True)
    assert "Acme" in page and "CRM-9" in page and "Ann Agent, Cy Closer" in page
    assert page.count("$500.00") == 2 and "$1,000.00" in page


def test_csv_export_neutralises_formulas(client, login, make_user, make_employee, make_kudos):
    login(make_user("hr"))
    giver = make_employee(name='=HYPERLINK("http://evil")')
    ann = make_employee(name="Ann")
    make_kudos(giver, [ann], "+1 for the -fix @team", account=CustomerAccount(name="\tTabbed"))
    response = client.get("/kudos/export.csv")
    assert response.mimetype == "text/csv"
    [header, row] = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    record = dict(zip(header, row, strict=True))
    assert record["giver"] == '\'=HYPERLINK("http://evil")'
    assert record["message"] == "'+1 for the -fix @team"
    assert record["account"] == "'\tTabbed"
    assert record["recipients"] == "Ann"


def test_csv_export_respects_filters_and_manager_teams(client, login, make_user, org):
    login(make_user("manager", employee=org["mia"]))
    rows = list(csv.DictReader(io.StringIO(client.get("/kudos/export.csv").get_data(as_text=True))))
    assert [r["message"] for r in rows] == ["Saved Acme together"]
    assert rows[0]["revenue_kept"] == "1000.00" and rows[0]["crm_id"] == "CRM-9"
    assert client.get("/kudos/export.csv?end=nope").status_code == 400
