"""Slack's mrkdwn escaping: people's and customers' words shown as text, never read as markup."""


def escaped(text: str) -> str:
    """Text made literal in mrkdwn: "<!channel>" stays text and pings nobody."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescaped(text: str) -> str:
    """The words a person typed, from text Slack sent escaped (a slash command's text)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
