"""Freshdesk: satisfaction ratings by created_since, page/per_page and the Link header; API key auth."""

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from engage.sources.connectors.base import Credentials, GroupNames, Page, PulledRating, iso, parse_time
from engage.sources.http import HelpDesk, SourceError

PER_PAGE = 100
# Freshdesk's answers to the default question, on the 1-5 CSAT scale (4 and 5 count as satisfied).
CSAT5 = {103: 5, 102: 5, 101: 4, 100: 3, -101: 2, -102: 1, -103: 1}


class Freshdesk:
    def __init__(self, credentials: Credentials, **options) -> None:
        self.api = HelpDesk(credentials.base_url, auth=(credentials.token, "X"), **options)
        self._groups = GroupNames(lambda: self._all("/api/v2/groups"))
        self._emails: dict[int, str | None] | None = None

    def check(self) -> str:
        me = self.api.get("/api/v2/agents/me")
        if not isinstance(me, dict) or "contact" not in me:
            raise SourceError(
                "this address does not answer like Freshdesk: check the URL (e.g. https://acme.freshdesk.com)"
            )
        return me["contact"].get("email") or str(me.get("id"))

    def _all(self, path: str) -> Iterator[dict]:
        url: str | None = path
        params: dict | None = {"per_page": PER_PAGE}
        while url:
            body, url = self.api.get_linked(url, params)
            params = None
            yield from body if isinstance(body, list) else []

    def groups(self) -> list[str]:
        return self._groups.all()

    def _email(self, agent_id: int | None) -> str | None:
        if agent_id is None:
            return None
        if self._emails is None or agent_id not in self._emails:
            agents = self._all("/api/v2/agents")
            self._emails = {a["id"]: (a.get("contact") or {}).get("email") for a in agents}
        return self._emails.get(agent_id)

    def pages(self, cursor: str | None, since: datetime) -> Iterator[Page]:
        # The cursor: created_since of this pass, the page to read next, the newest rating seen.
        state: dict[str, Any] = json.loads(cursor) if cursor else {"created_since": iso(since)}
        start, page = state["created_since"], state.get("page", 1)
        newest = state.get("newest", start)
        while True:
            params = {"created_since": start, "page": page, "per_page": PER_PAGE}
            body, next_url = self.api.get_linked("/api/v2/surveys/satisfaction_ratings", params)
            if not isinstance(body, list):
                raise SourceError(
                    "Freshdesk did not answer with a list of satisfaction ratings: check the address"
                )
            ratings = []
            for raw in body:
                created = parse_time(raw["created_at"])
                newest = max(newest, iso(created))
                answer = (raw.get("ratings") or {}).get("default_question")
                ratings.append(
                    PulledRating(
                        external_id=str(raw["id"]),
                        rated_at=created,
                        value=answer if answer is None else CSAT5.get(answer, answer),
                        scale="csat5",
                        group=self._groups.name(raw.get("group_id")),
                        agent_email=self._email(raw.get("agent_id")),
                        comment=raw.get("feedback") or None,
                    )
                )
            if next_url:
                page += 1
                yield Page(ratings, json.dumps({"created_since": start, "page": page, "newest": newest}))
            else:
                yield Page(ratings, json.dumps({"created_since": newest}))
                return
