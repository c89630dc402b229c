"""Block Kit for the weekly digest DM."""

from datetime import timedelta

from engage.analytics.confidentiality import REVEALS_SMALLER
from engage.digests.figures import Digest, Figure, GroupDigest
from engage.models import driver_label
from engage.slack.blocks.mrkdwn import escaped

STOP = "`/engage digest off` stops this digest."


def digest_text(digest: Digest) -> str:
    return f"Your weekly engage digest for {_week(digest)}"


def _week(digest: Digest) -> str:
    end = digest.week_start + timedelta(days=6)
    return f"the week of {digest.week_start:%-d %b} to {end:%-d %b %Y}"


def _withheld(reason: str | None, threshold: int) -> str:
    if reason == REVEALS_SMALLER:
        return "withheld (showing it would reveal a smaller group)"
    return f"withheld (fewer than {threshold} people answered)"


def _figure(figure: Figure, threshold: int, suffix: str = "") -> str:
    if figure.withheld_reason is not None:
        return _withheld(figure.withheld_reason, threshold)
    if figure.value is None:
        return "no answers"
    change = "" if figure.change is None else f" ({figure.change:+.1f} on the week before)"
    return f"{figure.value:.1f}{suffix}{change}"


def _drivers(group: GroupDigest) -> str:
    if not group.drivers:
        return "no driver moved in figures that can be shown"
    return ", ".join(f"{driver_label(m.driver)} {m.change:+.1f} (now {m.after:.1f})" for m in group.drivers)


def _comments(group: GroupDigest, threshold: int) -> str:
    comments = group.comments
    if comments.withheld:
        return f"held back for {comments.months} (fewer than {threshold} people answered)"
    text = f"{comments.count} in {comments.months}"
    return f"{text} (<{comments.link}|read them>)" if comments.link and comments.count else text


def _csat(group: GroupDigest) -> str:
    if group.csat.value is None:
        return "no ratings"
    return f"{_figure(group.csat, 0, '% satisfied')}, {group.ratings} ratings"


def group_block(group: GroupDigest, digest: Digest) -> dict:
    name = escaped(group.name)
    title = f"*<{group.link}|{name}>*" if group.link else f"*{name}*"
    lines = [
        title,
        f"• Engagement: {_figure(group.engagement, digest.threshold)}",
        f"• Response rate: {_figure(group.response_rate, digest.threshold, '%')}",
        f"• Drivers that moved most (last 4 weeks): {_drivers(group)}",
        f"• Comments: {_comments(group, digest.comment_threshold)}",
        f"• Kudos: {group.kudos_given} given, {group.kudos_received} received · Account saves: {group.saves}",
        f"• CSAT: {_csat(group)}",
    ]
    return {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}}


def digest_blocks(digest: Digest) -> list[dict]:
    whose = "The organisation" if digest.kind == "organisation" else "Your teams"
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Your weekly engage digest"}},
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": f"{whose}, {_week(digest)}. Figures of fewer than {digest.threshold} people "
                    "are withheld, as on the dashboard.",
                }
            ],
        },
    ]
    for group in digest.groups:
        blocks += [group_block(group, digest), {"type": "divider"}]
    if digest.more_groups:
        blocks.append(_context(f"{digest.more_groups} more teams are on the dashboard."))
    blocks.append(_context(STOP))
    return blocks


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
