"""People who leave through SCIM are dated like roster leavers, so the retention rules find them;
erased people are not SCIM users any more."""

from engage.extensions import db
from engage.models import Employee
from engage.models.base import utcnow
from tests.scim.test_okta import OKTA_CREATE, okta_filter


def test_deactivating_dates_the_leaving_and_reactivating_clears_it(scim):
    user = scim.post("/Users", OKTA_CREATE).get_json()

    scim.patch(f"/Users/{user['id']}", {"op": "replace", "value": {"active": False}})
    db.session.expire_all()
    person = db.session.get_one(Employee, int(user["id"]))
    assert person.active is False and person.left_at is not None

    scim.patch(f"/Users/{user['id']}", {"op": "replace", "value": {"active": True}})
    db.session.expire_all()
    person = db.session.get_one(Employee, int(user["id"]))
    assert person.active is True and person.left_at is None

    scim.delete(f"/Users/{user['id']}")
    db.session.expire_all()
    assert db.session.get_one(Employee, int(user["id"])).left_at is not None


def test_an_erased_person_is_neither_listed_nor_found(scim):
    user = scim.post("/Users", OKTA_CREATE).get_json()
    person = db.session.get_one(Employee, int(user["id"]))
    person.erased_at = utcnow()
    db.session.commit()

    assert scim.get(f"/Users/{user['id']}").status_code == 404
    assert scim.get("/Users").get_json()["totalResults"] == 0
    assert okta_filter(scim, "test.user@example.com").get_json()["totalResults"] == 0
