"""Pushes from help desks: each verified push asks the scheduler for a pull of its source within a minute.

A push only says "something changed": the pull fetches the ratings, so they arrive by one path and stay
idempotent, and a forged or lost push can neither write nor lose a rating.
"""

import base64
import hashlib
import hmac
import logging
from datetime import UTC, datetime, timedelta

from flask import Blueprint, abort, jsonify, request

from engage.extensions import csrf, db
from engage.models.base import utcnow
from engage.security.encryption import decrypt
from engage.sources.service import find_source

log = logging.getLogger(__name__)

bp = Blueprint("source_webhooks", __name__, url_prefix="/webhooks/sources")
csrf.exempt(bp)

MAX_CLOCK_SKEW = timedelta(minutes=10)


def zendesk_signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _fresh(timestamp: str) -> bool:
    try:
        moment = datetime.fromisoformat(timestamp.strip())
    except ValueError:
        return False
    moment = moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    return abs(utcnow() - moment) <= MAX_CLOCK_SKEW


def _accept(source) -> tuple:
    source.pull_requested_at = utcnow()
    db.session.commit()
    log.info("push from source %s: pull requested", source.name)
    return jsonify(ok=True, pull="requested"), 202


@bp.post("/<name>/zendesk")
def zendesk(name: str):
    source = find_source(name)
    if source is None or source.kind != "zendesk" or not source.webhook_secret_encrypted:
        abort(404)
    signature = request.headers.get("X-Zendesk-Webhook-Signature", "")
    timestamp = request.headers.get("X-Zendesk-Webhook-Signature-Timestamp", "")
    expected = zendesk_signature(decrypt(source.webhook_secret_encrypted), timestamp, request.get_data())
    if not (signature and hmac.compare_digest(signature, expected) and _fresh(timestamp)):
        log.warning("push for source %s refused: bad or stale Zendesk signature", name)
        return jsonify(ok=False, error="signature does not verify"), 401
    return _accept(source)


@bp.post("/<name>/chatwoot")
def chatwoot(name: str):
    source = find_source(name)
    if source is None or source.kind != "chatwoot" or not source.webhook_secret_encrypted:
        abort(404)
    given = request.args.get("token") or request.headers.get("X-Engage-Webhook-Token", "")
    if not (given and hmac.compare_digest(given, decrypt(source.webhook_secret_encrypted))):
        log.warning("push for source %s refused: wrong shared secret", name)
        return jsonify(ok=False, error="wrong token"), 401
    return _accept(source)
