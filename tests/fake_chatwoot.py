"""Chatwoot's CSAT survey responses API as documented: a since/until window (Unix seconds), 25 a page.

Responses are listed by created_at then id; `since` and `until` filter created_at (until excluded), and
only when both are given, as Chatwoot does.
"""

from __future__ import annotations

import time

from tests.fake_helpdesk import FakeHelpDesk, Reply, Request

ACCOUNT, TOKEN = 3, "cw-token-0123456789abcdef"
PER_PAGE = 25


def minutes_ago(minutes: int) -> int:
    return int(time.time()) - minutes * 60


class FakeChatwoot(FakeHelpDesk):
    def __init__(self) -> None:
        super().__init__()
        self.ratings: dict[int, dict] = {}
        self.agents: dict[int, str] = {}
        self.teams: dict[int, str] = {}
        self.conversation_teams: dict[int, int] = {}
        self.token = TOKEN
        base = f"/api/v1/accounts/{ACCOUNT}"
        self.route(
            "GET",
            "/api/v1/profile",
            lambda r: Reply(
                200,
                {
                    "id": 1,
                    "email": "admin@acme.example",
                    "name": "Admin",
                    "accounts": [{"id": ACCOUNT, "name": "Acme", "role": "administrator"}],
                },
            ),
        )
        self.route(
            "GET",
            f"{base}/agents",
            lambda r: Reply(
                200,
                [
                    {"id": i, "email": e, "name": f"Agent {i}", "role": "agent"}
                    for i, e in self.agents.items()
                ],
            ),
        )
        self.route(
            "GET",
            f"{base}/teams",
            lambda r: Reply(
                200, [{"id": i, "name": n, "account_id": ACCOUNT} for i, n in self.teams.items()]
            ),
        )
        self.route("GET", f"{base}/csat_survey_responses", self._ratings)

    def authorised(self, request: Request) -> bool:
        return request.headers.get("api_access_token") == self.token

    def add_rating(
        self,
        rating_id: int,
        rating: int = 5,
        agent_id: int | None = None,
        conversation_id: int | None = None,
        feedback: str = "",
        at: int | None = None,
    ) -> None:
        conversation_id = conversation_id or 4000 + rating_id
        email = self.agents.get(agent_id) if agent_id is not None else None
        agent = {"id": agent_id, "email": email, "name": f"Agent {agent_id}"}
        self.ratings[rating_id] = {
            "id": rating_id,
            "rating": rating,
            "feedback_message": feedback,
            "account_id": ACCOUNT,
            "message_id": 8000 + rating_id,
            "contact": {"id": 7000 + rating_id, "name": "A customer"},
            "conversation_id": conversation_id,
            "assigned_agent": agent if agent_id else None,
            "created_at": at if at is not None else minutes_ago(60),
        }
        self.route(
            "GET",
            f"/api/v1/accounts/{ACCOUNT}/conversations/{conversation_id}",
            lambda r: self._conversation(conversation_id),
        )

    def _conversation(self, conversation_id: int) -> Reply:
        team_id = self.conversation_teams.get(conversation_id)
        meta: dict[str, object] = {"channel": "Channel::WebWidget"}
        if team_id is not None:
            meta["team"] = {"id": team_id, "name": self.teams[team_id]}
        return Reply(200, {"id": conversation_id, "meta": meta, "status": "resolved"})

    def _ratings(self, request: Request) -> Reply:
        kept = sorted(self.ratings.values(), key=lambda r: (r["created_at"], r["id"]))
        if request.query.get("since") and request.query.get("until"):
            since, until = int(request.query["since"]), int(request.query["until"])
            kept = [r for r in kept if since <= r["created_at"] < until]
        page = int(request.query.get("page", 1))
        return Reply(200, kept[(page - 1) * PER_PAGE : page * PER_PAGE])
