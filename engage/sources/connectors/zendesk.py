"""Zendesk: satisfaction ratings by start_time, solved tickets from ticket metrics; email/token basic auth.

A ticket is resolved first time when it is solved with one public agent reply and no reopen.
"""

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from engage.csat.scales import is_unanswered
from engage.sources.connectors.base import (
    Credentials,
    GroupNames,
    Page,
    PulledRating,
    PulledTicket,
    parse_time,
    unix,
)
from engage.sources.http import BadCredentials, HelpDesk, SourceError

PAGE_SIZE = 100
SHOW_MANY = 100  # Zendesk's limit of ids per users/show_many and tickets/show_many call


class Zendesk:
    def __init__(self, credentials: Credentials, **options) -> None:
        if not credentials.email:
            raise SourceError("Zendesk needs --email: the email of the agent the API token belongs to")
        self.api = HelpDesk(
            credentials.base_url, auth=(f"{credentials.email}/token", credentials.token), **options
        )
        self._groups = GroupNames(lambda: self._all("/api/v2/groups", "groups", {"page[size]": PAGE_SIZE}))
        self._emails: dict[int, str | None] = {}

    def check(self) -> str:
        user = self.api.get("/api/v2/users/me").get("user")
        if not isinstance(user, dict):
            raise SourceError(
                "this address does not answer like Zendesk: check the URL (e.g. https://acme.zendesk.com)"
            )
        if not user.get("id"):  # Zendesk answers bad credentials on some accounts with the anonymous user
            raise BadCredentials("Zendesk did not accept the email and API token: check both")
        return user.get("email") or str(user["id"])

    def _all(self, path: str, key: str, params: dict | None) -> Iterator[dict]:
        next_url: str | None = path
        while next_url:
            body = self.api.get(next_url, params)
            yield from body.get(key) or []
            params = None  # the next link carries them
            next_url = body.get("links", {}).get("next") if body.get("meta", {}).get("has_more") else None

    def groups(self) -> list[str]:
        return self._groups.all()

    def _learn_emails(self, user_ids: set[int]) -> None:
        missing = sorted(user_ids - self._emails.keys())
        for start in range(0, len(missing), SHOW_MANY):
            chunk = missing[start : start + SHOW_MANY]
            found = self.api.get("/api/v2/users/show_many", {"ids": ",".join(map(str, chunk))})
            for user in found.get("users") or []:
                self._emails[user["id"]] = user.get("email")
            self._emails.update({i: None for i in chunk if i not in self._emails})

    def pages(self, cursor: str | None, since: datetime) -> Iterator[Page]:
        # One JSON cursor: the ratings' resume point at the top (as before tickets came), the tickets' under
        # "tickets". Each pull reads new ratings, then walks the ticket metrics.
        state: dict[str, Any] = json.loads(cursor) if cursor else {"start_time": unix(since)}
        tickets = state.pop("tickets", None) or {"keep_from": unix(since), "seen": unix(since)}
        ratings_at = state
        for ratings, ratings_at in self._rating_pages(state):
            yield Page(ratings, json.dumps(ratings_at | {"tickets": tickets}))
        for outcomes, tickets_at in self._ticket_pages(tickets, since):
            yield Page([], json.dumps(ratings_at | {"tickets": tickets_at}), outcomes)

    def _rating_pages(self, state: dict) -> Iterator[tuple[list[PulledRating], dict]]:
        # The state: the start_time of this pass, Zendesk's page[after] within it, the newest update seen.
        start, newest = state["start_time"], state.get("newest", state["start_time"])
        params = {"start_time": start, "page[size]": PAGE_SIZE}
        if state.get("after"):
            params["page[after]"] = state["after"]
        while True:
            body = self.api.get("/api/v2/satisfaction_ratings", params)
            found = body.get("satisfaction_ratings")
            if not isinstance(found, list):
                raise SourceError("Zendesk's answer has no satisfaction_ratings: check the address")
            self._learn_emails({r["assignee_id"] for r in found if r.get("assignee_id")})
            ratings = []
            for raw in found:
                newest = max(newest, unix(parse_time(raw.get("updated_at") or raw["created_at"])))
                if is_unanswered(raw.get("score")):
                    continue
                ratings.append(
                    PulledRating(
                        external_id=str(raw["id"]),
                        rated_at=parse_time(raw["created_at"]),
                        value=raw.get("score"),
                        scale="good_bad",
                        group=self._groups.name(raw.get("group_id")),
                        agent_email=self._emails.get(raw.get("assignee_id")),
                        comment=raw.get("comment") or None,
                    )
                )
            meta = body.get("meta") or {}
            if meta.get("has_more") and meta.get("after_cursor"):
                params = {"start_time": start, "page[size]": PAGE_SIZE, "page[after]": meta["after_cursor"]}
                yield ratings, {"start_time": start, "after": meta["after_cursor"], "newest": newest}
            else:
                # The next pass starts at the newest update seen: that second's ratings come again, unchanged.
                yield ratings, {"start_time": newest}
                return

    def _ticket_pages(self, state: dict, since: datetime) -> Iterator[tuple[list[PulledTicket], dict]]:
        """Walk every ticket metric (the list has no time filter), keeping those updated from keep_from on.

        The state: keep_from, page[after] within this walk, the newest update seen in it (newest) and in
        the walk before (seen). A metric updated while this walk read earlier pages is missed by it, so
        the next walk keeps from `seen`: the walk before ended before this one began.
        """
        keep_from, seen = state["keep_from"], state["seen"]
        newest = state.get("newest", seen)
        params = {"page[size]": PAGE_SIZE}
        if state.get("after"):
            params["page[after]"] = state["after"]
        while True:
            body = self.api.get("/api/v2/ticket_metrics", params)
            found = body.get("ticket_metrics")
            if not isinstance(found, list):
                raise SourceError("Zendesk's answer has no ticket_metrics: check the address")
            kept = []
            for metric in found:
                updated = unix(parse_time(metric["updated_at"]))
                newest = max(newest, updated)
                # Not solved yet, or solved before the first day imported: not an outcome to store.
                solved = metric.get("solved_at")
                if updated >= keep_from and solved and parse_time(solved) >= since:
                    kept.append(metric)
            following = self._next_tickets(body, keep_from, seen, newest)
            yield self._outcomes(kept), following
            if "after" not in following:
                return
            params = {"page[size]": PAGE_SIZE, "page[after]": following["after"]}

    @staticmethod
    def _next_tickets(body: dict, keep_from: int, seen: int, newest: int) -> dict:
        meta = body.get("meta") or {}
        if meta.get("has_more") and meta.get("after_cursor"):
            return {"keep_from": keep_from, "seen": seen, "newest": newest, "after": meta["after_cursor"]}
        return {"keep_from": seen, "seen": newest}

    def _outcomes(self, metrics: list[dict]) -> list[PulledTicket]:
        """The metrics' tickets, placed by their group and assignee as the ticket has them now."""
        ids = sorted({m["ticket_id"] for m in metrics})
        tickets = {}
        for start in range(0, len(ids), SHOW_MANY):
            found = self.api.get(
                "/api/v2/tickets/show_many.json", {"ids": ",".join(map(str, ids[start : start + SHOW_MANY]))}
            )
            tickets.update({t["id"]: t for t in found.get("tickets") or []})
        self._learn_emails({t["assignee_id"] for t in tickets.values() if t.get("assignee_id")})
        return [
            PulledTicket(
                external_id=str(m["ticket_id"]),
                solved_at=parse_time(m["solved_at"]),
                first_contact_resolved=m.get("replies") == 1 and m.get("reopens") == 0,
                group=self._groups.name(ticket.get("group_id")),
                agent_email=self._emails.get(ticket.get("assignee_id")),
            )
            for m in metrics
            if (ticket := tickets.get(m["ticket_id"])) is not None  # gone: deleted
        ]
