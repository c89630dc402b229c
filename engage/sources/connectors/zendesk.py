"""Zendesk: satisfaction ratings by start_time with cursor pagination; email/token basic auth."""
import json
from collections.abc import Iterator
from datetime import datetime

from engage.csat.scales import is_unanswered
from engage.sources.connectors.base import Credentials, Page, PulledRating, parse_time, unix
from engage.sources.http import BadCredentials, HelpDesk, SourceError

PAGE_SIZE = 100
SHOW_MANY = 100  # Zendesk's limit of ids per users/show_many call


class Zendesk:
    def __init__(self, credentials: Credentials, **options) -> None:
        if not credentials.email:
            raise SourceError("Zendesk needs --email: the email of the agent the API token belongs to")
        self.api = HelpDesk(credentials.base_url, auth=(f"{credentials.email}/token", credentials.token),
                            **options)
        self._group_names: dict[int, str] | None = None
        self._emails: dict[int, str | None] = {}

    def check(self) -> str:
        user = self.api.get("/api/v2/users/me").get("user")
        if not isinstance(user, dict):
            raise SourceError("this address does not answer like Zendesk: check the URL (e.g. "
                              "https://acme.zendesk.com)")
        if not user.get("id"):  # Zendesk answers bad credentials on some accounts with the anonymous user
            raise BadCredentials("Zendesk did not accept the email and API token: check both")
        return user.get("email") or str(user["id"])

    def _all(self, path: str, key: str, params: dict) -> Iterator[dict]:
        next_url: str | None = path
        while next_url:
            body = self.api.get(next_url, params)
            yield from body.get(key) or []
            params = None  # the next link carries them
            next_url = body.get("links", {}).get("next") if body.get("meta", {}).get("has_more") else None

    def groups(self) -> list[str]:
        self._group_names = {g["id"]: g["name"] for g in self._all("/api/v2/groups", "groups",
                                                                   {"page[size]": PAGE_SIZE})}
        return sorted(self._group_names.values(), key=str.casefold)

    def _group(self, group_id: int | None) -> str | None:
        if group_id is None:
            return None
        if self._group_names is None or group_id not in self._group_names:
            self.groups()
        return self._group_names.get(group_id) or str(group_id)

    def _learn_emails(self, user_ids: set[int]) -> None:
        missing = sorted(user_ids - self._emails.keys())
        for start in range(0, len(missing), SHOW_MANY):
            chunk = missing[start:start + SHOW_MANY]
            found = self.api.get("/api/v2/users/show_many", {"ids": ",".join(map(str, chunk))})
            for user in found.get("users") or []:
                self._emails[user["id"]] = user.get("email")
            self._emails.update({i: None for i in chunk if i not in self._emails})

    def pages(self, cursor: str | None, since: datetime) -> Iterator[Page]:
        # The cursor: the start_time of this pass, Zendesk's page[after] within it, the newest update seen.
        state = json.loads(cursor) if cursor else {"start_time": unix(since)}
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
                ratings.append(PulledRating(
                    external_id=str(raw["id"]), rated_at=parse_time(raw["created_at"]),
                    value=raw.get("score"),
                    scale="good_bad", group=self._group(raw.get("group_id")),
                    agent_email=self._emails.get(raw.get("assignee_id")), comment=raw.get("comment") or None,
                ))
            meta = body.get("meta") or {}
            if meta.get("has_more") and meta.get("after_cursor"):
                params = {"start_time": start, "page[size]": PAGE_SIZE, "page[after]": meta["after_cursor"]}
                yield Page(ratings, json.dumps({"start_time": start, "after": meta["after_cursor"],
                                                "newest": newest}))
            else:
                # The next pass starts at the newest update seen: that second's ratings come again, unchanged.
                yield Page(ratings, json.dumps({"start_time": newest}))
                return
