import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def test_config(test_config):
    return test_config | {"RATELIMIT_ENABLED": True}


def sign_in(client, email: str, password: str, address: str = "127.0.0.1"):
    return client.post(
        "/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def test_five_failed_attempts_lock_the_account_for_a_while(app, make_user):
    hr = make_user("hr")
    attacker = app.test_client()
    for _ in range(5):
        assert sign_in(attacker, hr.email, "wrong-password").status_code == 401

    locked = sign_in(attacker, hr.email, PASSWORD)

    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert b"Too many failed sign-in attempts" in locked.data and b"Try again in 15 minute(s)" in locked.data
    other = make_user("hr")
    assert sign_in(app.test_client(), other.email, PASSWORD).status_code == 302


def test_successful_sign_ins_do_not_count(app, make_user):
    hr = make_user("hr")
    for _ in range(6):
        assert sign_in(app.test_client(), hr.email, PASSWORD).status_code == 302
    client = app.test_client()
    for _ in range(4):
        assert sign_in(client, hr.email, "wrong-password").status_code == 401

    assert sign_in(client, hr.email, PASSWORD).status_code == 302


def test_twenty_failed_attempts_from_one_address_lock_that_address(app):
    client = app.test_client()
    for n in range(20):
        assert sign_in(client, f"guess{n}@example.com", "wrong-password").status_code == 401

    refused = sign_in(client, "guess99@example.com", "wrong-password")

    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert sign_in(client, "guess99@example.com", "wrong-password", address="10.0.0.7").status_code == 401
