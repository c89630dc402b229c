"""A local OpenID Connect provider that speaks the documented wire format and signs real RS256 ID tokens.

Discovery (`<issuer>/.well-known/openid-configuration`), JWKS, authorization, token and userinfo
endpoints, with a key generated when the fake starts. The browser's visit to the authorization
endpoint is a real GET: the fake signs in `next_user` and redirects to the redirect_uri with a code
and the state, as a provider does once the person has signed in there.

`slack=True` lays the endpoints out as Slack's (openid.connect.token, openid.connect.userInfo, answers
with "ok": true/false) and takes the client's secret as a form field, as Slack's token method does.
To test refusals: `token_claims` overrides claims of the next ID tokens (None removes one),
`sign_with_another_key()` makes signatures that the published key does not verify, and
`discovery_issuer` makes the discovery document name another issuer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

from tests.serving import serving_thread

CLIENT_ID, CLIENT_SECRET = "engage-client-id", "engage-client-secret"
SLACK_TEAM_ID = "T0ACME"


def _new_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "fake-key-1", "use": "sig", "alg": "RS256"})


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


@dataclass
class Grant:
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    subject: str
    used: bool = False


@dataclass
class Reply:
    status: int
    body: dict | None = None
    location: str | None = None


class FakeOidcProvider:
    """Start with `with FakeOidcProvider() as provider:`; configure engage with `provider.issuer`."""

    def __init__(self, slack: bool = False, path: str = "/realms/acme") -> None:
        self.slack = slack
        self.path = "" if slack else path
        self.key = _new_key()
        self._signing_key = self.key
        self.users: dict[str, dict] = {}  # subject -> its claims
        self.next_user: str | None = None
        self.token_claims: dict = {}
        self.email_in_id_token = True
        self.discovery_issuer: str | None = None
        self.grants: dict[str, Grant] = {}
        self.authorize_requests: list[dict] = []
        self.token_requests: list[dict] = []
        self._access_tokens: dict[str, str] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = serving_thread(self._server)

    def __enter__(self) -> FakeOidcProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}{self.path}"

    @property
    def endpoints(self) -> dict[str, str]:
        if self.slack:
            return {
                "authorization_endpoint": "/openid/connect/authorize",
                "token_endpoint": "/api/openid.connect.token",
                "userinfo_endpoint": "/api/openid.connect.userInfo",
                "jwks_uri": "/openid/connect/keys",
            }
        return {
            "authorization_endpoint": f"{self.path}/protocol/openid-connect/auth",
            "token_endpoint": f"{self.path}/protocol/openid-connect/token",
            "userinfo_endpoint": f"{self.path}/protocol/openid-connect/userinfo",
            "jwks_uri": f"{self.path}/protocol/openid-connect/certs",
        }

    def add_user(self, subject: str, email: str, **claims) -> None:
        self.users[subject] = {"sub": subject, "email": email, "email_verified": True} | claims
        if self.slack:
            self.users[subject] |= {
                "https://slack.com/user_id": subject,
                "https://slack.com/team_id": SLACK_TEAM_ID,
            }

    def sign_with_another_key(self) -> None:
        self._signing_key = _new_key()  # same kid, other key: the published one does not verify it

    # The endpoints.

    def _discovery(self) -> Reply:
        host = self.issuer.removesuffix(self.path)
        return Reply(
            200,
            {
                "issuer": self.discovery_issuer or self.issuer,
                **{name: host + path for name, path in self.endpoints.items()},
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_post" if self.slack else "client_secret_basic"
                ],
                "code_challenge_methods_supported": ["S256"],
            },
        )

    def _authorize(self, query: dict) -> Reply:
        self.authorize_requests.append(query)
        redirect_uri = query.get("redirect_uri", "")
        answer = {"state": query["state"]} if "state" in query else {}
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return Reply(400, {"error": "invalid_request"})
        if self.next_user is None:
            answer["error"] = "access_denied"
            answer["error_description"] = "The user cancelled the sign-in"
        else:
            code = secrets.token_urlsafe(16)
            self.grants[code] = Grant(
                redirect_uri,
                query.get("nonce"),
                query.get("code_challenge"),
                query.get("code_challenge_method"),
                self.next_user,
            )
            answer["code"] = code
        return Reply(302, location=f"{redirect_uri}?{urlencode(answer)}")

    def _client_authenticated(self, form: dict, headers: dict) -> bool:
        if self.slack:
            return form.get("client_id") == CLIENT_ID and form.get("client_secret") == CLIENT_SECRET
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        return headers.get("authorization") == f"Basic {expected}"

    def _refuse(self, status: int, error: str, description: str) -> Reply:
        if self.slack:
            return Reply(200, {"ok": False, "error": error})
        return Reply(status, {"error": error, "error_description": description})

    def _token(self, form: dict, headers: dict) -> Reply:
        self.token_requests.append(form)
        if not self._client_authenticated(form, headers):
            return self._refuse(401, "invalid_client", "client authentication failed")
        grant = self.grants.get(form.get("code", ""))
        if form.get("grant_type") != "authorization_code" or grant is None or grant.used:
            error = "invalid_code" if self.slack else "invalid_grant"
            return self._refuse(400, error, "unknown or used code")
        grant.used = True
        if grant.redirect_uri != form.get("redirect_uri"):
            return self._refuse(400, "invalid_grant", "redirect_uri differs from the authorization request's")
        if grant.code_challenge and s256(form.get("code_verifier", "")) != grant.code_challenge:
            return self._refuse(400, "invalid_grant", "PKCE verification failed")
        access_token = secrets.token_urlsafe(24)
        self._access_tokens[access_token] = grant.subject
        body = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300}
        body["id_token"] = self._id_token(grant)
        return Reply(200, {"ok": True, **body} if self.slack else body)

    def _id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300, "auth_time": now}
        claims |= self.users[grant.subject]
        if grant.nonce:
            claims["nonce"] = grant.nonce
        if not self.email_in_id_token:
            claims.pop("email")
            claims.pop("email_verified")
        claims |= self.token_claims
        claims = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode({"alg": "RS256", "kid": "fake-key-1"}, claims, self._signing_key)

    def _userinfo(self, headers: dict) -> Reply:
        subject = self._access_tokens.get(headers.get("authorization", "").removeprefix("Bearer "))
        if subject is None:
            return self._refuse(401, "invalid_token", "unknown access token")
        claims = self.users[subject]
        return Reply(200, {"ok": True, **claims} if self.slack else claims)

    def _answer(self, method: str, path: str, query: dict, form: dict, headers: dict) -> Reply:
        endpoints = self.endpoints
        if method == "GET" and path == f"{self.path}/.well-known/openid-configuration":
            return self._discovery()
        if method == "GET" and path == endpoints["jwks_uri"]:
            return Reply(200, {"keys": [self.key.as_dict(private=False)]})
        if method == "GET" and path == endpoints["authorization_endpoint"]:
            return self._authorize(query)
        if method == "POST" and path == endpoints["token_endpoint"]:
            return self._token(form, headers)
        if path == endpoints["userinfo_endpoint"]:
            return self._userinfo(headers)
        return Reply(404, {"error": "not_found"})

    def _handler_class(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode())) if length else {}
                headers = {k.lower(): v for k, v in self.headers.items()}
                query = dict(parse_qsl(parts.query))
                reply = provider._answer(self.command, parts.path, query, form, headers)
                data = json.dumps(reply.body).encode() if reply.body is not None else b""
                self.send_response(reply.status)
                if reply.location:
                    self.send_header("Location", reply.location)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _handle

            def log_message(self, *args) -> None:
                pass

        return Handler
