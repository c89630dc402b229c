"""A bolt request built from the body the guard parsed, and handed to lazy listeners without a deep copy."""

import copy

from slack_bolt import BoltRequest
from slack_bolt.context import BoltContext
from slack_bolt.request.internals import build_context
from werkzeug.datastructures import Headers

from engage.slack.request_guard import Checked


class ParsedRequest(BoltRequest):
    """bolt's request, without parsing the body again here or for each lazy listener.

    For each lazy listener bolt re-parses the raw body and deep-copies the request, its WebClient
    included (about a fifth of a click's CPU). Once the ack function has returned nothing changes the
    body or what the ack function left in the context, so the lazy listeners share them; each gets its
    own context (a new dict), without what bolt keeps out of copies (its listener runner).
    """

    def __init__(self, checked: Checked, query: str, headers: Headers) -> None:
        super().__init__(body="", query=query, headers=dict(headers.items()))
        self.raw_body = checked.readable
        self.body = checked.parsed
        self.context = build_context(BoltContext(), checked.parsed)

    def to_copyable(self) -> "ParsedRequest":
        twin = copy.copy(self)
        left_out = BoltContext.non_copyable_standard_property_names
        twin.context = BoltContext({k: v for k, v in self.context.items() if k not in left_out})
        return twin

    def __deepcopy__(self, memo: dict) -> "ParsedRequest":
        """What bolt gets from deep-copying to_copyable()'s answer: a twin whose context it may change."""
        twin = copy.copy(self)
        twin.context = BoltContext(self.context)
        return twin
