"""The checklist's line on single sign-on: which providers are on and whether passwords still are."""

from flask import Flask

from engage.setup.items import OK, WARNING, Item, Page
from engage.sso.policy import sign_in_policy
from engage.sso.registry import configured_providers

TITLE = "Single sign-on"


def sso_item(app: Flask) -> Item:
    providers = configured_providers(app)
    if not providers:
        return Item(
            "sso",
            TITLE,
            OK,
            ("No single sign-on provider configured: everyone signs in with a password.",),
            "Optional. To let people sign in with Slack, Okta, Google or Entra ID, see the README's "
            '"Single sign-on".',
        )
    found = [f"Sign in with {provider.label} ({provider.issuer})." for provider in providers]
    policy = sign_in_policy()
    if not policy.require_sso:
        found.append("Passwords also work for everyone.")
        return Item("sso", TITLE, OK, tuple(found), "To require it:", page=Page("Users", "admin.users"))
    break_glass = policy.break_glass
    if break_glass is None or not break_glass.active or break_glass.role != "admin":
        found.append("Single sign-on is required, and no active admin keeps a password (break-glass).")
        return Item(
            "sso",
            TITLE,
            WARNING,
            tuple(found),
            "Choose an active admin as break-glass on the Users page, or turn passwords back on:",
            "flask --app wsgi engage allow-passwords",
            Page("Users", "admin.users"),
        )
    found.append(f"Single sign-on is required; {break_glass.email} keeps a password (break-glass).")
    return Item("sso", TITLE, OK, tuple(found))
