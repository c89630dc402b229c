"""Calls to a help desk's API, with its failures turned into errors that say what to fix."""

import logging
import time
from collections.abc import Callable

import requests

log = logging.getLogger(__name__)


class SourceError(Exception):
    """A pull or check that failed; the message is shown on the Sources page."""


class BadCredentials(SourceError):
    pass


class NotFound(SourceError):
    pass


class RateLimited(SourceError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"the help desk is rate limiting engage: resuming in {retry_after} s")
        self.retry_after = retry_after


def retry_after_seconds(response: requests.Response) -> int:
    raw = response.headers.get("Retry-After", "")
    return int(raw) if raw.strip().isdigit() else 60


class HelpDesk:
    """One help desk's API at base_url; waits out a 429 whose Retry-After is at most max_wait seconds."""

    def __init__(
        self,
        base_url: str,
        auth=None,
        headers: dict | None = None,
        timeout: float = 30,
        max_wait: int = 60,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.auth = auth
        self.session.headers.update({"Accept": "application/json", **(headers or {})})
        self.timeout, self.max_wait, self.sleep = timeout, max_wait, sleep

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.base_url + path

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        url = self.url(path)
        while True:
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.exceptions.SSLError:
                raise SourceError(f"cannot reach {self.base_url}: its TLS certificate is not valid") from None
            except requests.exceptions.ConnectionError:
                raise SourceError(
                    f"cannot reach {self.base_url}: check the address (no such host, "
                    "or nothing answers there)"
                ) from None
            except requests.exceptions.Timeout:
                raise SourceError(f"{self.base_url} did not answer within {self.timeout} s") from None
            if response.status_code != 429:
                break
            wait = retry_after_seconds(response)
            if wait > self.max_wait:
                raise RateLimited(wait)
            log.info("help desk %s rate limited engage: waiting %s s", self.base_url, wait)
            self.sleep(wait)
        if response.status_code in (401, 403):
            raise BadCredentials(
                f"the help desk refused the credentials (HTTP {response.status_code}): "
                "check the API token (and the email or account id it belongs to)"
            )
        if response.status_code == 404:
            raise NotFound(
                f"{url.split('?')[0]} was not found (HTTP 404): check the address and the kind of help desk"
            )
        if response.status_code >= 400:
            raise SourceError(
                f"the help desk answered HTTP {response.status_code} to {method} {url.split('?')[0]}"
            )
        return response

    def json(self, method: str, path: str, **kwargs) -> dict:
        return self._body(self.call(method, path, **kwargs))

    def _body(self, response: requests.Response):
        try:
            body = response.json()
        except ValueError:
            raise SourceError(
                f"{self.base_url} did not answer with JSON: is it the help desk's API address?"
            ) from None
        if not isinstance(body, dict | list):
            raise SourceError(f"{self.base_url} answered with unexpected JSON")
        return body

    def get(self, path: str, params: dict | None = None) -> dict:
        return self.json("GET", path, params=params)

    def get_linked(self, path: str, params: dict | None = None) -> tuple[list | dict, str | None]:
        """The body and the URL of the next page, from the Link header (rel="next")."""
        response = self.call("GET", path, params=params)
        return self._body(response), response.links.get("next", {}).get("url")
