"""Block Kit for the App Home tab (pure)."""

from engage.pulses.stats import PersonalStats, RecentAnswer, WeekTrend


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _answer(answer: RecentAnswer) -> str:
    return "_in words_" if answer.score is None else f"*{answer.score}*/{answer.max_score}"


def home_view(name: str, stats: PersonalStats, trend: list[WeekTrend] | None, threshold: int) -> dict:
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"Hi {name}"}},
        _section(
            f"*Pulse streak:* {stats.streak} · *Answers:* {stats.answered} · "
            f"*Kudos received:* {stats.kudos_received}"
        ),
        {"type": "divider"},
        _section("*Your recent answers* (only you see these)"),
    ]
    if stats.recent:
        lines = [f"{a.day:%a %d %b}: {_answer(a)} · {a.question}" for a in stats.recent]
        blocks.append(_section("\n".join(lines)))
    else:
        blocks.append(_section("No answers yet: your first pulse arrives on your next working day."))
    blocks.append({"type": "divider"})
    if trend is not None and any(w.average is not None for w in trend):
        lines = [
            f"Week of {w.week_start:%d %b}: "
            + (
                f"*{w.average:.2f}*/5 ({w.respondents} people)"
                if w.average is not None
                else "_too few answers to show_"
            )
            for w in trend
        ]
        blocks += [_section("*Your team's weekly average*"), _section("\n".join(lines))]
    else:
        blocks.append(
            _section(
                f"Your team's trend appears once at least {threshold} teammates answer in a week, "
                "so nobody's answers can be singled out."
            )
        )
    blocks.append(
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": "Type `/engage pause` to pause pulses, `/engage help` for more."}
            ],
        }
    )
    return {"type": "home", "blocks": blocks}


def unknown_person_view() -> dict:
    return {
        "type": "home",
        "blocks": [
            _section(
                "I can't find you among engage's employees yet. Ask your engage admin to add you "
                "(with the email address you use in Slack) and run `sync-users`."
            )
        ],
    }
