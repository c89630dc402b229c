"""Pushes from Zendesk are taken only with a valid, fresh signature, and ask for a pull."""

from datetime import timedelta

from engage.models.base import utcnow
from engage.sources.service import set_webhook_secret
from engage.sources.webhooks import zendesk_signature
from tests.sources.conftest import refreshed

SECRET = "dGhpc19zZWNyZXRfaXNfYmFzZTY0X2VuY29kZWQ="
BODY = b'{"ticket_id": "42", "rating": "good"}'


def _push(client, name: str, secret: str = SECRET, timestamp=None):
    stamp = (timestamp or utcnow()).strftime("%Y-%m-%dT%H:%M:%SZ")
    return client.post(
        f"/webhooks/sources/{name}/zendesk",
        data=BODY,
        content_type="application/json",
        headers={
            "X-Zendesk-Webhook-Signature": zendesk_signature(secret, stamp, BODY),
            "X-Zendesk-Webhook-Signature-Timestamp": stamp,
        },
    )


def test_a_signed_push_requests_a_pull(client, add_zendesk):
    source = add_zendesk()
    set_webhook_secret(source, SECRET)
    response = _push(client, "zendesk")
    assert response.status_code == 202
    assert refreshed(source).pull_requested_at is not None


def test_a_wrong_signature_or_an_old_timestamp_is_refused(client, add_zendesk):
    source = add_zendesk()
    set_webhook_secret(source, SECRET)
    assert _push(client, "zendesk", secret="another-secret-entirely").status_code == 401
    assert _push(client, "zendesk", timestamp=utcnow() - timedelta(hours=1)).status_code == 401
    assert refreshed(source).pull_requested_at is None


def test_a_source_without_a_secret_takes_no_push(client, add_zendesk):
    add_zendesk()
    assert _push(client, "zendesk").status_code == 404
