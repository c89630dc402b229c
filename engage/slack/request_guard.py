"""Refuse requests to /slack/events that Slack would never send, before bolt sees them.

Unsigned or badly signed: 401. Signed but not shaped as Slack shapes it: 400. Bolt would answer
these with a 500, and Slack retries a 500. A request that passes is handed on parsed, so that the
body is read once per request.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

from slack_bolt.context import BoltContext
from slack_bolt.request.internals import build_context, parse_body
from slack_sdk.signature import SignatureVerifier
from werkzeug.datastructures import Headers

INTERACTIONS_WITH_VIEW = ("view_submission", "view_closed")


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


@dataclass(frozen=True)
class Checked:
    """A signed request shaped as Slack shapes it: the body as bolt reads it, and parsed."""

    readable: str
    parsed: dict


def _signature_refusal(body: str, headers: Headers, signing_secret: str) -> Refusal | None:
    timestamp = headers.get("X-Slack-Request-Timestamp")
    signature = headers.get("X-Slack-Signature")
    if not timestamp or not signature:
        return Refusal(401, "sign the request: X-Slack-Request-Timestamp and X-Slack-Signature are required")
    if not timestamp.isdigit():
        return Refusal(401, "X-Slack-Request-Timestamp must be a Unix time in seconds")
    if not SignatureVerifier(signing_secret).is_valid(body, timestamp, signature):
        return Refusal(401, "the signature does not match, or the timestamp is more than 5 minutes old")
    return None


def _parsed(body: str, content_type: str | None) -> dict | Refusal:
    """The body as bolt will read it: JSON, a form's `payload` field as JSON, or the form itself."""
    what = "the payload field" if not body.startswith("{") and "payload" in body else "the body"
    try:
        parsed = parse_body(body, content_type)
    except (ValueError, RecursionError):
        return Refusal(400, f"{what} is not a JSON object, or is nested too deeply")
    if not isinstance(parsed, dict):
        return Refusal(400, f"{what} must be a JSON object, not {type(parsed).__name__}")
    return parsed


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _shape_problem(parsed: dict) -> str | None:
    """What is missing from a body bolt would accept but our listeners could not use."""
    kind = parsed.get("type")
    if "command" in parsed:
        missing = [name for name in ("command", "user_id", "team_id") if not _is_text(parsed.get(name))]
        return f"a slash command needs {', '.join(missing)}" if missing else None
    if kind is None and not parsed.get("ssl_check"):
        return "the request has no type: send an event, an interaction payload or a slash command"
    if kind == "event_callback":
        event = parsed.get("event")
        return (
            None
            if isinstance(event, dict) and _is_text(event.get("type"))
            else "an event_callback needs an event object with a type"
        )
    if kind in ("url_verification", "app_rate_limited") or parsed.get("ssl_check"):
        return None
    user = parsed.get("user")
    if not isinstance(user, dict) or not _is_text(user.get("id")):
        return f"a {kind} payload needs a user object with an id"
    if kind == "block_actions":
        actions = parsed.get("actions")
        if (
            not isinstance(actions, list)
            or not actions
            or not all(isinstance(action, dict) and _is_text(action.get("action_id")) for action in actions)
        ):
            return "block_actions needs actions: a non-empty list of objects, each with an action_id"
    view = parsed.get("view")
    if kind in INTERACTIONS_WITH_VIEW and not (isinstance(view, dict) and _is_text(view.get("id"))):
        return f"a {kind} payload needs a view object with an id"
    return None


def _field_names(form: str) -> list[str]:
    return [unquote_plus(field.partition("=")[0]) for field in form.split("&")]


def bolt_readable(body: str) -> str:
    """The form body with "payload" in a field's text spelled so bolt reads the form, not a payload.

    bolt takes any form body containing "payload" for an interaction (`/kudos @bo for the payload fix`)
    and reads it as empty; "%61" decodes to the same "a". The signature is checked on the body as sent.
    """
    if body.startswith("{") or "payload" not in body or "payload" in _field_names(body):
        return body
    return body.replace("payload", "p%61yload")


def check(body: str, headers: Headers, signing_secret: str) -> Refusal | Checked:
    """Why this request is refused, or the request checked and parsed, to hand to bolt."""
    refused = _signature_refusal(body, headers, signing_secret)
    if refused:
        return refused
    readable = bolt_readable(body)
    parsed = _parsed(readable, headers.get("Content-Type"))
    if isinstance(parsed, Refusal):
        return parsed
    problem = _shape_problem(parsed)
    if problem:
        return Refusal(400, problem)
    try:
        build_context(BoltContext(), parsed)  # as bolt does first: reads the ids of team, user, channel
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        return Refusal(400, "the team, user or channel fields are not shaped as Slack sends them")
    return Checked(readable, parsed)
