"""Freshdesk's satisfaction ratings API as documented: created_since, page/per_page, the Link header."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from tests.fake_helpdesk import FakeHelpDesk, Reply, Request
from tests.fake_zendesk import iso

API_KEY = "fd-key-abcdef0123456789"


class FakeFreshdesk(FakeHelpDesk):
    def __init__(self) -> None:
        super().__init__()
        self.ratings: dict[int, dict] = {}
        self.agents: dict[int, str] = {}
        self.groups: dict[int, str] = {}
        self.key = API_KEY
        self.route(
            "GET",
            "/api/v2/agents/me",
            lambda r: Reply(200, {"id": 1, "contact": {"email": "admin@acme.example", "name": "Admin"}}),
        )
        self.route(
            "GET",
            "/api/v2/agents",
            lambda r: self._listed(
                r, [{"id": i, "contact": {"email": e, "name": f"Agent {i}"}} for i, e in self.agents.items()]
            ),
        )
        self.route(
            "GET",
            "/api/v2/groups",
            lambda r: self._listed(r, [{"id": i, "name": n} for i, n in self.groups.items()]),
        )
        self.route("GET", "/api/v2/surveys/satisfaction_ratings", self._ratings)

    def authorised(self, request: Request) -> bool:
        expected = base64.b64encode(f"{self.key}:X".encode()).decode()
        return request.headers.get("authorization") == f"Basic {expected}"

    def add_rating(
        self,
        rating_id: int,
        answer: int = 103,
        agent_id: int | None = None,
        group_id: int | None = None,
        feedback: str = "",
        at: int = 1_767_225_600,
    ) -> None:
        self.ratings[rating_id] = {
            "id": rating_id,
            "survey_id": 1,
            "user_id": 7000 + rating_id,
            "agent_id": agent_id,
            "group_id": group_id,
            "ticket_id": 3000 + rating_id,
            "feedback": feedback,
            "ratings": {"default_question": answer},
            "created_at": iso(at),
            "updated_at": iso(at),
        }

    def _listed(self, request: Request, items: list, path: str | None = None) -> Reply:
        page, per_page = int(request.query.get("page", 1)), min(int(request.query.get("per_page", 30)), 100)
        chunk = items[(page - 1) * per_page : page * per_page]
        headers = {}
        if page * per_page < len(items):
            query = {**request.query, "page": page + 1, "per_page": per_page}
            headers["Link"] = f'<{self.url}{path or request.path}?{urlencode(query)}>; rel="next"'
        return Reply(200, chunk, headers)

    def _ratings(self, request: Request) -> Reply:
        since = request.query.get("created_since", "")
        kept = [r for _, r in sorted(self.ratings.items()) if r["created_at"] >= since]
        return self._listed(request, kept)
