from pathlib import Path

import yaml

from engage.slack.scopes import BOT_SCOPES

MANIFEST = Path(__file__).resolve().parents[2] / "slack-app-manifest.yml"


def test_manifest_declares_what_engage_uses():
    manifest = yaml.safe_load(MANIFEST.read_text())
    features, settings = manifest["features"], manifest["settings"]
    assert set(manifest["oauth_config"]["scopes"]["bot"]) >= {
        "chat:write",
        "im:write",
        "im:history",
        "users:read",
        "users:read.email",
        "commands",
    }
    assert {c["command"] for c in features["slash_commands"]} == {"/engage", "/kudos"}
    assert [s["callback_id"] for s in features["shortcuts"]] == ["give_kudos"]
    assert features["app_home"]["home_tab_enabled"] is True
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_home_opened", "user_change"}
    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"]]
    urls += [c["url"] for c in features["slash_commands"]]
    assert set(urls) == {"https://YOUR-HOST/slack/events"}
    assert settings["socket_mode_enabled"] is False


def test_the_setup_checklist_asks_for_the_scopes_the_manifest_declares():
    manifest = yaml.safe_load(MANIFEST.read_text())
    assert manifest["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
