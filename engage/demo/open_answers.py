"""Answers in words to the default open questions, for the demo: what would help, and often why."""

import numpy as np

from engage.demo.comments import capital, fill, pick

ANSWERS: dict[str, tuple[str, ...]] = {
    "customer_mission": (
        "a way to see a customer's whole history in {tool} without three tabs",
        "being allowed to give a small credit without waiting for refund approvals",
        "hearing back from product when a bug we reported for {customer} is fixed",
        "fewer macros and more time to write real answers",
    ),
    "workload": (
        "the duplicate data entry between {tool} and our spreadsheets",
        "{process}: it takes an hour every day and nobody reads the result",
        "the weekly report we fill in by hand",
        "approvals for anything over fifty dollars",
    ),
    "growth": (
        "I would like to learn enough SQL to answer my own questions in Looker",
        "shadowing the product team for a week",
        "taking over {process} for a quarter",
        "a proper course on {tool}, not just the videos",
    ),
    "recognition": (
        "the clean-up of the knowledge base, which saved everyone time",
        "the night shift's work during the outage",
        "rewriting {process}, which nobody outside the team noticed",
        "the handover notes for {customer}, which made the migration painless",
    ),
    "feedback": (
        "feedback on my written replies, not only on speed",
        "hearing how {customer} felt after the escalation was closed",
        "a monthly look at a few of my tickets with my lead",
        "knowing what good looks like for {process}",
    ),
    "manager_relationship": (
        "more 1:1s that are about me, not the queue",
        "less checking of {tool} dashboards during the day",
        "more cover when {customer} escalates",
        "telling us earlier when priorities change",
    ),
    "wellbeing": (
        "a hard stop for the late shift rota",
        "one afternoon a week without meetings",
        "not being paged about {process} on my days off",
        "rotating the difficult accounts like {customer} between us",
    ),
    "peer_relationship": (
        "a channel where asking a question does not feel like admitting defeat",
        "pairing on hard tickets once a week",
        "overlapping shifts by half an hour for the handover",
        "a shared list of the {tool} tricks people use",
    ),
    "satisfaction": (
        "clearer goals that do not change mid-quarter",
        "fixing {tool} so we stop apologising for it",
        "more say in how {process} works",
        "a real path from the queue to other roles",
    ),
    "ambassadorship": (
        "fixing the bugs customers like {customer} keep reporting",
        "being honest with customers about what is on the roadmap",
        "seeing us keep the promises we make in sales calls",
        "better tooling, so the job looks as good as it is",
    ),
}
OPENINGS = ("", "", "", "Honestly, ", "Simple: ", "Mostly ", "For me, ", "Easy one: ")
REASONS = (
    "It would save me an hour a day.",
    "We lose customers over this.",
    "It came up again {day}.",
    "Half the team has said the same.",
    "{customer} would notice right away.",
    "It is the one thing that wears me down.",
    "I raised it {day} and nothing changed.",
    "{tool} makes it worse.",
    "New starters struggle with it most.",
    "It would make {process} much easier.",
    "We keep apologising to {customer} for it.",
)


def compose_open_answer(rng: np.random.Generator, driver: str) -> str:
    opening = pick(rng, OPENINGS)
    main = pick(rng, ANSWERS[driver]).format(**fill(rng))
    answer = (opening + main if opening else capital(main)) + "."
    if rng.random() < 0.7:
        answer += " " + capital(pick(rng, REASONS).format(**fill(rng)))
    return answer
