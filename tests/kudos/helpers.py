from tests.slack_requests import view_submission


def _text_input(value: str | None) -> dict:
    return {"type": "plain_text_input", "value": value}


def modal_submission(
    recipients: list[str],
    message: str | None = "Saved the renewal",
    user_id: str = "UGIVER",
    revenue: str | None = None,
    currency: str | None = None,
    account: str | None = None,
    crm_id: str | None = None,
    value_id: int | None = None,
    view_id: str = "V111",
    private_metadata: str = "",
) -> dict:
    """A kudos modal submission; account is an option value ('id:3' or 'new:Acme')."""
    values = {
        "kudos_recipients": {
            "kudos_recipients": {"type": "multi_users_select", "selected_users": recipients}
        },
        "kudos_message": {"kudos_message": _text_input(message)},
        "kudos_revenue": {"kudos_revenue": _text_input(revenue)},
        "kudos_currency": {"kudos_currency": _text_input(currency)},
        "kudos_crm_id": {"kudos_crm_id": _text_input(crm_id)},
        "kudos_account": {
            "kudos_account": {
                "type": "external_select",
                "selected_option": {"text": {"type": "plain_text", "text": account}, "value": account}
                if account
                else None,
            }
        },
        "kudos_value": {
            "kudos_value": {
                "type": "static_select",
                "selected_option": {"text": {"type": "plain_text", "text": "v"}, "value": str(value_id)}
                if value_id
                else None,
            }
        },
    }
    body = view_submission(user_id, "kudos_submit", values, private_metadata)
    body["view"]["id"] = view_id
    return body
