"""Intercom: conversation ratings, from conversations searched by updated_at; Bearer token auth."""

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from engage.sources.connectors.base import Credentials, Page, PulledRating, parse_time, unix
from engage.sources.http import HelpDesk, SourceError

PER_PAGE = 150  # the most Intercom's search serves per page
API_VERSION = "2.11"


def _search(after: int, starting_after: str | None) -> dict:
    """Rated conversations updated after `after`, oldest update first."""
    query = {
        "operator": "AND",
        "value": [
            {"field": "updated_at", "operator": ">", "value": after},
            {"field": "conversation_rating.requested_at", "operator": ">", "value": 0},
        ],
    }
    pagination = {"per_page": PER_PAGE} | ({"starting_after": starting_after} if starting_after else {})
    return {"query": query, "pagination": pagination, "sort": {"field": "updated_at", "order": "ascending"}}


class Intercom:
    def __init__(self, credentials: Credentials, **options) -> None:
        self.api = HelpDesk(
            credentials.base_url,
            headers={"Authorization": f"Bearer {credentials.token}", "Intercom-Version": API_VERSION},
            **options,
        )
        self._team_names: dict[str, str] | None = None
        self._emails: dict[str, str | None] | None = None

    def check(self) -> str:
        me = self.api.get("/me")
        if not isinstance(me, dict) or me.get("type") != "admin":
            raise SourceError(
                "this address does not answer like Intercom: check the URL (e.g. "
                "https://api.intercom.io, or api.eu.intercom.io)"
            )
        return me.get("email") or str(me.get("id"))

    def groups(self) -> list[str]:
        self._team_names = {str(t["id"]): t["name"] for t in self.api.get("/teams").get("teams") or []}
        return sorted(self._team_names.values(), key=str.casefold)

    def _team(self, team_id: object) -> str | None:
        if team_id in (None, "", 0):
            return None
        if self._team_names is None or str(team_id) not in self._team_names:
            self.groups()
        return (self._team_names or {}).get(str(team_id)) or str(team_id)

    def _email(self, admin_id: object) -> str | None:
        if admin_id in (None, "", 0):
            return None
        if self._emails is None or str(admin_id) not in self._emails:
            admins = self.api.get("/admins").get("admins") or []
            self._emails = {str(a["id"]): a.get("email") for a in admins}
        return self._emails.get(str(admin_id))

    def _rating(self, conversation: dict) -> PulledRating | None:
        rating = conversation.get("conversation_rating") or {}
        if rating.get("rating") is None:  # asked, not answered yet
            return None
        teammate = (rating.get("teammate") or {}).get("id") or conversation.get("admin_assignee_id")
        return PulledRating(
            external_id=str(conversation["id"]),
            rated_at=parse_time(rating.get("created_at")),
            value=rating["rating"],
            scale="csat5",
            group=self._team(conversation.get("team_assignee_id")),
            agent_email=self._email(teammate),
            comment=rating.get("remark") or None,
            account=(conversation.get("company") or {}).get("name") or None,
        )

    def pages(self, cursor: str | None, since: datetime) -> Iterator[Page]:
        # The cursor: the updated_at this pass reads after, Intercom's starting_after, the newest update seen.
        state: dict[str, Any] = json.loads(cursor) if cursor else {"after": unix(since) - 1}
        after, newest = state["after"], state.get("newest", state["after"])
        starting_after = state.get("starting_after")
        while True:
            body = self.api.json("POST", "/conversations/search", json=_search(after, starting_after))
            found = body.get("conversations") if isinstance(body, dict) else None
            if not isinstance(found, list):
                raise SourceError("Intercom's answer has no conversations: check the address")
            for conversation in found:
                newest = max(newest, int(conversation.get("updated_at") or 0))
            ratings = [r for r in map(self._rating, found) if r is not None]
            starting_after = ((body.get("pages") or {}).get("next") or {}).get("starting_after")
            if starting_after:
                yield Page(
                    ratings, json.dumps({"after": after, "starting_after": starting_after, "newest": newest})
                )
            else:
                # Reads again from the newest update's second: conversations updated in it come again.
                yield Page(ratings, json.dumps({"after": newest - 1}))
                return
