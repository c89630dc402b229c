import io
import re

import pytest

from tests.conftest import PASSWORD

ROSTER = b"email,name,team,manager_email\nana@example.com,Ana,Support,\n"


@pytest.fixture
def test_config(test_config):
    return test_config | {"WTF_CSRF_ENABLED": True}


def csrf_token(page: bytes) -> str:
    found = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1).decode()


def test_forms_refuse_a_post_without_the_csrf_token(client, make_user):
    user = make_user("hr")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 400
    token = csrf_token(client.get("/login").data)
    assert (
        client.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
        ).status_code
        == 302
    )

    refused = client.post(
        "/people/import", data={"roster": (io.BytesIO(ROSTER), "r.csv")}, content_type="multipart/form-data"
    )
    assert refused.status_code == 400
    assert b"The CSRF token is missing." in refused.data

    token = csrf_token(client.get("/people").data)
    accepted = client.post(
        "/people/import",
        content_type="multipart/form-data",
        data={"roster": (io.BytesIO(ROSTER), "r.csv"), "csrf_token": token},
    )
    assert accepted.status_code == 302
