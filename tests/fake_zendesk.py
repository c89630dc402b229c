"""Zendesk's satisfaction ratings and ticket metrics APIs as documented: cursor pagination, email/token auth.

Ratings are listed by id; `start_time` keeps those updated at or after it. Ticket metrics are listed
newest ticket first, all of them (the list has no time filter); their tickets come from tickets/show_many.
`generated = n` serves n ratings made on the fly (id i updated at GENERATED_START + i seconds), for the
benchmark.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from urllib.parse import urlencode

from tests.fake_helpdesk import FakeHelpDesk, Reply, Request

EMAIL, TOKEN = "admin@acme.example", "zd-token-0123456789abcdef"
GENERATED_START = 1_767_225_600  # 2026-01-01
GENERATED_AGENTS, GENERATED_GROUPS = 20, 4


def iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class FakeZendesk(FakeHelpDesk):
    def __init__(self) -> None:
        super().__init__()
        self.ratings: dict[int, dict] = {}
        self.users: dict[int, str] = {}
        self.groups: dict[int, str] = {}
        self.metrics: dict[int, dict] = {}  # by ticket id
        self.tickets: dict[int, dict] = {}
        self.generated = 0
        self.token = TOKEN
        self.route(
            "GET",
            "/api/v2/users/me",
            lambda r: Reply(200, {"user": {"id": 1, "email": EMAIL, "role": "admin"}}),
        )
        self.route("GET", "/api/v2/users/show_many", self._show_many)
        self.route("GET", "/api/v2/groups", self._groups)
        self.route("GET", "/api/v2/satisfaction_ratings", self._ratings)
        self.route("GET", "/api/v2/ticket_metrics", self._ticket_metrics)
        self.route("GET", "/api/v2/tickets/show_many.json", self._show_many_tickets)

    def authorised(self, request: Request) -> bool:
        expected = base64.b64encode(f"{EMAIL}/token:{self.token}".encode()).decode()
        return request.headers.get("authorization") == f"Basic {expected}"

    def add_rating(
        self,
        rating_id: int,
        score: str = "good",
        assignee_id: int | None = None,
        group_id: int | None = None,
        comment: str = "",
        at: int = GENERATED_START,
    ) -> None:
        self.ratings[rating_id] = {
            "url": f"{self.url}/api/v2/satisfaction_ratings/{rating_id}.json",
            "id": rating_id,
            "assignee_id": assignee_id,
            "group_id": group_id,
            "requester_id": 9000 + rating_id,
            "ticket_id": 5000 + rating_id,
            "score": score,
            "comment": comment,
            "created_at": iso(at),
            "updated_at": iso(at),
            "_updated": at,
        }

    def change_rating(self, rating_id: int, at: int, **changes) -> None:
        self.ratings[rating_id].update(changes, updated_at=iso(at), _updated=at)

    def add_ticket(
        self,
        ticket_id: int,
        replies: int = 1,
        reopens: int = 0,
        solved: int | None = GENERATED_START,
        group_id: int | None = None,
        assignee_id: int | None = None,
        at: int = GENERATED_START,
    ) -> None:
        """A ticket and its metrics; solved=None: not solved yet. `at`: when its metrics last changed."""
        created = min(at, solved or at) - 3600
        self.tickets[ticket_id] = {
            "url": f"{self.url}/api/v2/tickets/{ticket_id}.json",
            "id": ticket_id,
            "subject": f"Ticket {ticket_id}",
            "status": "solved" if solved else "open",
            "group_id": group_id,
            "assignee_id": assignee_id,
            "requester_id": 9000 + ticket_id,
            "created_at": iso(created),
            "updated_at": iso(at),
        }
        self.metrics[ticket_id] = {
            "url": f"{self.url}/api/v2/ticket_metrics/{70000 + ticket_id}.json",
            "id": 70000 + ticket_id,
            "ticket_id": ticket_id,
            "group_stations": 1,
            "assignee_stations": 1,
            "reopens": reopens,
            "replies": replies,
            "solved_at": iso(solved) if solved else None,
            "reply_time_in_minutes": {"calendar": 5, "business": 5},
            "created_at": iso(created),
            "updated_at": iso(at),
        }

    def change_ticket(self, ticket_id: int, at: int, solved: int | None = None, **metrics) -> None:
        """Change a ticket's metrics (reopens, replies) at `at`; solved: when it was solved again."""
        self.metrics[ticket_id].update(metrics, updated_at=iso(at))
        self.tickets[ticket_id]["updated_at"] = iso(at)
        if solved is not None:
            self.metrics[ticket_id]["solved_at"] = iso(solved)

    def _ticket_metrics(self, request: Request) -> Reply:
        size = min(int(request.query.get("page[size]", 100)), 100)
        after = int(request.query.get("page[after]", 0))  # the position after the previous page
        listed = [m for _, m in sorted(self.metrics.items(), reverse=True)]  # newest ticket first
        has_more = after + size < len(listed)
        cursor = str(after + size) if has_more else None
        query = urlencode({"page[size]": size, "page[after]": cursor})
        next_link = f"{self.url}/api/v2/ticket_metrics?{query}" if has_more else None
        return Reply(
            200,
            {
                "ticket_metrics": listed[after : after + size],
                "meta": {"has_more": has_more, "after_cursor": cursor, "before_cursor": None},
                "links": {"next": next_link, "prev": None},
            },
        )

    def _show_many_tickets(self, request: Request) -> Reply:
        ids = [int(i) for i in request.query.get("ids", "").split(",") if i]
        if len(ids) > 100:
            return Reply(400, {"error": "InvalidValue", "description": "at most 100 ids"})
        return Reply(200, {"tickets": [self.tickets[i] for i in ids if i in self.tickets]})

    def _show_many(self, request: Request) -> Reply:
        ids = [int(i) for i in request.query.get("ids", "").split(",") if i]
        users = {
            **self.users,
            **{a: f"agent{a}@example.com" for a in range(1, GENERATED_AGENTS + 1) if self.generated},
        }
        return Reply(
            200,
            {
                "users": [
                    {"id": i, "email": users[i], "name": f"Agent {i}", "role": "agent"}
                    for i in ids
                    if i in users
                ]
            },
        )

    def _groups(self, request: Request) -> Reply:
        groups = self.groups or {g: f"Group {g}" for g in range(1, GENERATED_GROUPS + 1) if self.generated}
        return Reply(
            200,
            {
                "groups": [{"id": i, "name": n} for i, n in groups.items()],
                "meta": {"has_more": False, "after_cursor": None},
                "links": {"next": None},
            },
        )

    def _generated(self, i: int) -> dict:
        at = GENERATED_START + i
        return {
            "url": f"{self.url}/api/v2/satisfaction_ratings/{i}.json",
            "id": i,
            "assignee_id": i % GENERATED_AGENTS + 1,
            "group_id": i % GENERATED_GROUPS + 1,
            "requester_id": i,
            "ticket_id": i,
            "score": "bad" if i % 5 == 0 else "good",
            "comment": "",
            "created_at": iso(at),
            "updated_at": iso(at),
        }

    def _ratings(self, request: Request) -> Reply:
        start = int(request.query.get("start_time", 0))
        size = min(int(request.query.get("page[size]", 100)), 100)
        after = int(request.query.get("page[after]", 0))  # the position after the previous page
        if self.generated:
            first = max(start - GENERATED_START, 1)
            count = max(self.generated - first + 1, 0)
            page = [self._generated(first + p) for p in range(after, min(after + size, count))]
        else:
            kept = [r for _, r in sorted(self.ratings.items()) if r["_updated"] >= start]
            count = len(kept)
            page = [{k: v for k, v in r.items() if not k.startswith("_")} for r in kept[after : after + size]]
        has_more = after + size < count
        cursor = str(after + size) if has_more else None
        query = urlencode({"start_time": start, "page[size]": size, "page[after]": cursor})
        next_link = f"{self.url}/api/v2/satisfaction_ratings?{query}" if has_more else None
        return Reply(
            200,
            {
                "satisfaction_ratings": page,
                "meta": {"has_more": has_more, "after_cursor": cursor, "before_cursor": None},
                "links": {"next": next_link, "prev": None},
            },
        )
