import re


def nav_labels(page: bytes) -> list[str]:
    found = re.search(rb"<nav>(.*?)</nav>", page, re.S)
    assert found, "the page has no <nav>"
    nav = found.group(1).decode()
    return [label.strip() for label in re.findall(r">([^<]+)</a>", nav)]


def test_admin_nav_lists_shared_pages_before_admin_settings(client, make_user, login):
    login(make_user("admin"))
    labels = nav_labels(client.get("/teams").data)
    assert labels.index("People") < labels.index("Teams") < labels.index("Kudos settings")
    assert labels.index("Kudos settings") < labels.index("Users")


def test_pages_declare_an_icon_so_browsers_do_not_fetch_a_missing_favicon(client, make_user, login):
    login(make_user("hr"))
    assert b'<link rel="icon"' in client.get("/teams").data
