"""Block Kit for action plans: the announcement to a team and the review reminder to its owner."""

from engage.analytics.compare import Comparison
from engage.models import ActionPlan, driver_label
from engage.slack.blocks.mrkdwn import escaped

DONE_ACTION = "plan_done"


def announcement_text(plan: ActionPlan) -> str:
    return (
        f"*{escaped(plan.team.name)}* is working on *{driver_label(plan.driver)}*: {escaped(plan.action)}\n"
        f"Started {plan.start_date:%-d %b %Y}; we will look at how it went on {plan.review_date:%-d %b %Y}."
    )


def _comparison(comparison: Comparison, label: str) -> str:
    if comparison.difference is None:
        return f"• {label}: {comparison.reading}"
    return (
        f"• {label}: {comparison.difference:+.1f} points ({comparison.before_mean:.1f} before, "
        f"{comparison.after_mean:.1f} since). {comparison.reading}"
    )


def review_text(plan: ActionPlan) -> str:
    return f"Time to review your action plan for {plan.team.name}: {driver_label(plan.driver)}"


def review_blocks(
    plan: ActionPlan, comparisons: list[tuple[str, Comparison]], threshold: int, link: str | None
) -> list[dict]:
    lines = [
        f"*Time to review your action plan for {escaped(plan.team.name)}*",
        f"{driver_label(plan.driver)}, since {plan.start_date:%-d %b %Y}: {escaped(plan.action)}",
        "",
        "*Weekly figures before the start and since* (weeks of fewer than "
        f"{threshold} people are left out, as on the dashboard):",
        *(_comparison(c, label) for label, c in comparisons),
    ]
    if link:
        lines.append(f"<{link}|See the comparison on the team page>")
    done = {
        "type": "button",
        "action_id": DONE_ACTION,
        "text": {"type": "plain_text", "text": "Mark the plan done"},
        "value": str(plan.id),
        "style": "primary",
    }
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}},
        {"type": "actions", "elements": [done]},
    ]
