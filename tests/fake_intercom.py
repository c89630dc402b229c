"""Intercom's conversations search as documented: a query on updated_at, starting_after pagination.

Conversations are sorted by updated_at then id; `starting_after` is opaque to clients (here: the last
conversation served, encoded), so a conversation updated while a pass reads moves behind it.
"""

from __future__ import annotations

import base64
import json
import time

from tests.fake_helpdesk import FakeHelpDesk, Reply, Request

TOKEN = "ic-token-0123456789abcdef"


def minutes_ago(minutes: int) -> int:
    return int(time.time()) - minutes * 60


class FakeIntercom(FakeHelpDesk):
    def __init__(self) -> None:
        super().__init__()
        self.conversations: dict[str, dict] = {}
        self.admins: dict[str, str] = {}
        self.teams: dict[str, str] = {}
        self.token = TOKEN
        me = {
            "type": "admin",
            "id": "1",
            "email": "admin@acme.example",
            "name": "Admin",
            "app": {"id_code": "abc123"},
        }
        self.route("GET", "/me", lambda r: Reply(200, me))
        self.route(
            "GET",
            "/admins",
            lambda r: Reply(
                200,
                {
                    "type": "admin.list",
                    "admins": [
                        {"type": "admin", "id": i, "email": e, "name": f"Admin {i}"}
                        for i, e in self.admins.items()
                    ],
                },
            ),
        )
        self.route(
            "GET",
            "/teams",
            lambda r: Reply(
                200,
                {
                    "type": "team.list",
                    "teams": [
                        {"type": "team", "id": i, "name": n, "admin_ids": []} for i, n in self.teams.items()
                    ],
                },
            ),
        )
        self.route("POST", "/conversations/search", self._search)

    def authorised(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.token}"

    def add_conversation(
        self,
        conversation_id: str,
        rating: int | None = 5,
        remark: str = "",
        teammate: str | None = None,
        team: str | None = None,
        admin: str | None = None,
        at: int | None = None,
        company: str | None = None,
    ) -> None:
        at = at if at is not None else minutes_ago(60)
        self.conversations[conversation_id] = {
            "type": "conversation",
            "id": conversation_id,
            "created_at": at - 600,
            "updated_at": at,
            "state": "closed",
            "admin_assignee_id": int(admin) if admin else None,
            "team_assignee_id": team,
            "company": {"type": "company", "id": f"co-{company}", "name": company} if company else None,
            "conversation_rating": {
                "rating": rating,
                "remark": remark or None,
                "created_at": at if rating else None,
                "contact": {"type": "contact", "id": f"c{conversation_id}"},
                "teammate": {"type": "admin", "id": teammate} if teammate else None,
            },
        }

    def rerate(self, conversation_id: str, at: int, **changes) -> None:
        conversation = self.conversations[conversation_id]
        conversation["conversation_rating"].update(changes)
        conversation["updated_at"] = at

    def _search(self, request: Request) -> Reply:
        body = request.body or {}
        after = next(c["value"] for c in body["query"]["value"] if c["field"] == "updated_at")
        per_page = min(body["pagination"].get("per_page", 20), 150)
        kept = sorted(
            (c for c in self.conversations.values() if c["updated_at"] > after and c["conversation_rating"]),
            key=lambda c: (c["updated_at"], c["id"]),
        )
        if body["pagination"].get("starting_after"):
            last = json.loads(base64.b64decode(body["pagination"]["starting_after"]))
            kept = [c for c in kept if [c["updated_at"], c["id"]] > last]
        page, more = kept[:per_page], len(kept) > per_page
        pages = {"type": "pages", "per_page": per_page}
        if more:
            last = json.dumps([page[-1]["updated_at"], page[-1]["id"]]).encode()
            pages["next"] = {"page": 2, "starting_after": base64.b64encode(last).decode()}
        return Reply(
            200,
            {"type": "conversation.list", "conversations": page, "total_count": len(kept), "pages": pages},
        )
