"""Chatwoot: CSAT survey responses by a since/until window and page; api_access_token header auth."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from engage.sources.connectors.base import Credentials, Page, PulledRating, parse_time, unix
from engage.sources.http import HelpDesk, NotFound, SourceError

PER_PAGE = 25  # fixed by Chatwoot
# Each pass reads again the last day: Chatwoot lets a customer change a rating for 14 days, keeping its time.
REREAD = timedelta(days=1)


class Chatwoot:
    def __init__(self, credentials: Credentials, **options) -> None:
        account = (credentials.account_id or "").strip()
        if not account.isdigit():
            raise SourceError(
                "Chatwoot needs the account id (--account-id): the number after /accounts/ "
                "in Chatwoot's address bar"
            )
        self.account = account
        self.api = HelpDesk(credentials.base_url, headers={"api_access_token": credentials.token}, **options)
        self._team_ids: dict[int, str] | None = None
        self._emails: dict[int, str | None] | None = None
        self._conversation_teams: dict[int, str | None] = {}

    def _path(self, path: str) -> str:
        return f"/api/v1/accounts/{self.account}{path}"

    def check(self) -> str:
        profile = self.api.get("/api/v1/profile")
        if not isinstance(profile, dict) or "accounts" not in profile:
            raise SourceError(
                "this address does not answer like Chatwoot: check the URL (e.g. https://app.chatwoot.com)"
            )
        if int(self.account) not in {a.get("id") for a in profile["accounts"]}:
            raise SourceError(
                f"this token has no access to Chatwoot account {self.account}: check the account id"
            )
        return profile.get("email") or str(profile.get("id"))

    def _list(self, path: str) -> list[dict]:
        items = self.api.get(self._path(path))
        if not isinstance(items, list):
            raise SourceError(f"Chatwoot did not answer {path} with a list: check the address")
        return items

    def groups(self) -> list[str]:
        self._team_ids = {t["id"]: t["name"] for t in self._list("/teams")}
        return sorted(self._team_ids.values(), key=str.casefold)

    def _email(self, raw: dict) -> str | None:
        agent = raw.get("assigned_agent") or {}
        if agent.get("email"):
            return agent["email"]
        agent_id = agent.get("id") or raw.get("assigned_agent_id")
        if agent_id is None:
            return None
        if self._emails is None or agent_id not in self._emails:
            self._emails = {a["id"]: a.get("email") for a in self._list("/agents")}
        return self._emails.get(agent_id)

    def _team(self, conversation_id: int | None) -> str | None:
        """The team the rated conversation is in now (the rating does not say)."""
        if conversation_id is None:
            return None
        if conversation_id not in self._conversation_teams:
            try:
                conversation = self.api.get(self._path(f"/conversations/{conversation_id}"))
            except NotFound:
                conversation = {}
            team = (conversation.get("meta") or {}).get("team") or {}
            self._conversation_teams[conversation_id] = team.get("name")
        return self._conversation_teams[conversation_id]

    def pages(self, cursor: str | None, since: datetime) -> Iterator[Page]:
        # The cursor: this pass's window [since, until) and the page to read next; then the next since.
        state = json.loads(cursor) if cursor else {"since": unix(since)}
        start = state["since"]
        until = state.get("until") or unix(datetime.now(UTC).replace(tzinfo=None)) + 1
        page = state.get("page", 1)
        while True:
            params = {"since": start, "until": until, "page": page, "sort": "created_at"}
            found = self.api.get(self._path("/csat_survey_responses"), params)
            if not isinstance(found, list):
                raise SourceError(
                    "Chatwoot did not answer with a list of CSAT survey responses: check the "
                    "address and account id"
                )
            ratings = [
                PulledRating(
                    external_id=str(raw["id"]),
                    rated_at=parse_time(raw["created_at"]),
                    value=raw.get("rating"),
                    scale="csat5",
                    group=self._team(raw.get("conversation_id")),
                    agent_email=self._email(raw),
                    comment=raw.get("feedback_message") or None,
                )
                for raw in found
            ]
            if len(found) >= PER_PAGE:
                page += 1
                yield Page(ratings, json.dumps({"since": start, "until": until, "page": page}))
            else:
                reread_from = max(start, until - int(REREAD.total_seconds()))
                yield Page(ratings, json.dumps({"since": reread_from}))
                return
