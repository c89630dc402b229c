from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeOidcProvider


@pytest.fixture
def provider():
    with FakeOidcProvider() as fake:
        yield fake


@pytest.fixture
def test_config(test_config, provider) -> dict:
    return test_config | {
        "OIDC_ISSUER": provider.issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_NAME": "Okta",
    }


def go_to_provider(client, name: str = "oidc", next_page: str | None = None) -> str:
    """Press "Sign in with ...": the provider's authorization URL engage redirects to."""
    started = client.get(f"/login/sso/{name}", query_string={"next": next_page} if next_page else None)
    assert started.status_code == 302, started.data
    return started.headers["Location"]


def callback_from(authorization_url: str) -> str:
    """The browser at the provider: it signs the person in and redirects back to engage."""
    answer = requests.get(authorization_url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def sign_in_through(client, name: str = "oidc"):
    return client.get(callback_from(go_to_provider(client, name)))


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def signed_in(client) -> bool:
    """Whether the browser has a session: the home page sends a signed-out one to /login."""
    home = client.get("/")
    return not (home.status_code == 302 and home.headers["Location"].startswith("/login"))
