"""The Block Kit we send passes slack_sdk's own checks of Slack's limits."""

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from engage.slack.blocks.kudos import (
    KudosCard,
    account_options,
    kudos_modal,
    manager_dm,
    public_post,
    recipient_dm,
)

CARD = KudosCard(
    "UGIVER",
    ["UANN", "UBO"],
    "x" * 3000,
    value_name="Care",
    account_name="Acme",
    revenue_text="$1,000.00",
    source_message_url="https://example.slack.com/archives/C1/p1",
)


def test_modal_is_valid_with_many_long_values():
    values = [(n, f"Value number {n} " + "y" * 100) for n in range(150)]
    view = View(**kudos_modal(values, ["UANN"], '{"source_message_url": "https://x"}'))
    view.validate_json()
    options = next(b for b in view.blocks if b.block_id == "kudos_value").element.options
    assert len(options) == 100


def test_posts_and_dms_are_valid_and_revenue_only_when_asked():
    for text, blocks in (
        public_post(CARD, with_revenue=False),
        recipient_dm(CARD, "UANN", False),
        manager_dm(CARD, ["UANN"]),
    ):
        for block in Block.parse_all(blocks):
            block.validate_json()
        assert text
    assert "$1,000.00" not in str(public_post(CARD, with_revenue=False))
    assert "$1,000.00" in str(public_post(CARD, with_revenue=True))
    assert "$1,000.00" in str(manager_dm(CARD, ["UANN"]))
    assert "together with <@UBO>" in recipient_dm(CARD, "UANN", False)[0]


def test_account_options_offer_a_new_account_only_without_an_exact_match():
    assert account_options([(1, "Acme")], " acme ") == [
        {"text": {"type": "plain_text", "text": "Acme", "emoji": True}, "value": "id:1"}
    ]
    assert account_options([], "Globex  Inc")[-1]["value"] == "new:Globex Inc"
