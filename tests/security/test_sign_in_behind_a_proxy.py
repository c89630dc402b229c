import pytest


@pytest.fixture
def test_config(test_config):
    return test_config | {"RATELIMIT_ENABLED": True, "TRUSTED_PROXIES": 1}


def failed_sign_in_from(client, address: str, n: int = 0) -> int:
    return client.post(
        "/login",
        data={"email": f"guess{n}@example.com", "password": "wrong-password"},
        headers={"X-Forwarded-For": address},
    ).status_code


def test_behind_a_trusted_proxy_each_client_address_is_throttled_on_its_own(client):
    for n in range(20):
        assert failed_sign_in_from(client, "203.0.113.5", n) == 401
    assert failed_sign_in_from(client, "203.0.113.5") == 429

    assert failed_sign_in_from(client, "198.51.100.9") == 401
