"""Pulse comments for the demo, composed from parts (an opening, what happened, a detail, a wish)
so that a year of them reads like people writing about their own week."""

import numpy as np

from engage.demo.kudos import ACCOUNTS

TOOLS = (
    "Zendesk",
    "the macro editor",
    "Jira",
    "Salesforce",
    "the status page",
    "Intercom",
    "the knowledge base",
    "Looker",
    "the billing console",
    "the on-call rota",
    "Confluence",
    "the CRM sync",
)
PROCESSES = (
    "the escalation path",
    "refund approvals",
    "the shift handover",
    "QA scoring",
    "our weekly 1:1s",
    "the onboarding checklist",
    "the SLA targets",
    "renewal reviews",
    "ticket triage",
    "the incident review",
    "the quarterly goals",
    "the holiday cover plan",
)
DAYS = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "this sprint",
    "after the release",
    "during the outage",
    "this month",
)

SITUATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "recognition": {
        "low": (
            "I stayed late to sort out {customer} and nobody said a word.",
            "the wins we get go to whoever presents them, not who did the work.",
            "fixing {process} took me a week and it was never mentioned.",
        ),
        "mid": (
            "people say thanks in the channel, but it rarely reaches the leads.",
            "recognition depends a lot on who happens to be watching.",
        ),
        "high": (
            "my lead called out the {customer} fix in the all-hands.",
            "the kudos after I cleaned up {tool} really made my week.",
            "it was nice to be thanked by {customer} directly.",
        ),
    },
    "feedback": {
        "low": (
            "I only hear about mistakes when QA scores come out.",
            "the feedback on {process} came two months too late to be useful.",
        ),
        "mid": (
            "feedback is fine but mostly about speed, not quality.",
            "I get comments on tickets, rarely on how I handle {customer}.",
        ),
        "high": (
            "my lead went through three {customer} tickets with me and it helped a lot.",
            "the review of how I handle {process} was honest and specific.",
        ),
    },
    "growth": {
        "low": (
            "I have been doing the same ticket types for a year.",
            "the training on {tool} was cancelled again.",
            "there is no path from the queue to anything else that I can see.",
        ),
        "mid": (
            "I am learning, but mostly on my own time.",
            "shadowing the {customer} account was useful, I would like more of that.",
        ),
        "high": (
            "I got to lead the rework of {process}, which is new for me.",
            "the course on {tool} was worth it, I use it every day now.",
            "I was trusted with {customer} for the first time.",
        ),
    },
    "wellbeing": {
        "low": (
            "I am tired; the {customer} escalations follow me home.",
            "evenings keep disappearing into {tool} notifications.",
            "another week of back-to-back calls and no breaks.",
        ),
        "mid": (
            "it is manageable, but the late shifts add up.",
            "ok week, though {process} always eats my Friday.",
        ),
        "high": (
            "a proper lunch break every day this week, small thing but it helps.",
            "the no-meeting afternoon is working for me.",
            "I switched off completely over the weekend for once.",
        ),
    },
    "workload": {
        "low": (
            "the backlog doubled {day} and we are two people short.",
            "too many escalations land on the same three people.",
            "I close tickets instead of solving them because of {process}.",
            "the {customer} migration dumped forty tickets on us in a day.",
        ),
        "mid": (
            "busy but doable; {process} is the part that drags.",
            "some weeks are fine, some are chaos, hard to plan.",
            "the queue is ok, but {tool} being slow costs us an hour a day.",
        ),
        "high": (
            "the new triage rules cut the queue in half {day}.",
            "for once we had time to write up the {customer} fix properly.",
            "{process} got simpler and I can feel it.",
        ),
    },
    "manager_relationship": {
        "low": (
            "my manager cancelled our 1:1 for the third time.",
            "I asked for help with {customer} and heard nothing back.",
            "decisions about {process} are made without asking us.",
        ),
        "mid": (
            "my manager is supportive but stretched very thin.",
            "our 1:1s happen, but they are mostly status updates.",
        ),
        "high": (
            "my manager backed me up when {customer} pushed for a refund we could not give.",
            "my manager covered the queue so I could finish the training on {tool}.",
            "I feel listened to in our 1:1s.",
        ),
    },
    "peer_relationship": {
        "low": (
            "the handover between shifts feels like blame, not help.",
            "people keep their {tool} tricks to themselves.",
        ),
        "mid": (
            "good people, but we rarely talk outside of {tool}.",
            "we help each other, though mostly within our own time zone.",
        ),
        "high": (
            "the team jumped in when {customer} went down {day}.",
            "we really help each other on tricky tickets.",
            "pairing on {process} with a colleague was the best part of my week.",
        ),
    },
    "customer_mission": {
        "low": (
            "we are told to hit {process} numbers even when the customer is not helped.",
            "{customer} has had the same bug open for a month and I have no answer for them.",
        ),
        "mid": (
            "I see why the work matters, but the metrics pull the other way.",
            "{customer} is happy, others less so; we spread ourselves thin.",
        ),
        "high": (
            "{customer} renewed and mentioned our support by name.",
            "customers are noticing the faster replies, that feels good.",
            "fixing {tool} for {customer} felt like real impact.",
        ),
    },
    "ambassadorship": {
        "low": (
            "I would not recommend the product until {tool} stops breaking.",
            "hard to be proud when {customer} keeps hitting the same outage.",
        ),
        "mid": (
            "good product, rough edges; I would recommend it with caveats.",
            "proud of the team, less sure about the roadmap.",
        ),
        "high": (
            "I told a friend about us this week and meant it.",
            "after the {customer} story I am proud of what we built.",
        ),
    },
    "satisfaction": {
        "low": (
            "a bad week overall; {process} and {tool} both let us down.",
            "I am not enjoying the work at the moment.",
        ),
        "mid": (
            "an ordinary week, nothing special either way.",
            "fine overall, but {tool} makes replies feel robotic.",
        ),
        "high": (
            "good day: three hard tickets solved and {customer} said thank you.",
            "I like what I do here, especially the {customer} account.",
        ),
    },
    "enps": {
        "low": (
            "I would not recommend working here right now; {process} needs fixing first.",
            "friends ask, and I tell them to wait until the workload settles.",
        ),
        "mid": (
            "I might recommend it, depending on the team they join.",
            "a decent place to work, the pay review could be clearer.",
        ),
        "high": (
            "I already referred a friend; the {customer} work sold it.",
            "I would recommend it; the people make the difference.",
        ),
    },
}
OPENINGS = {
    "low": (
        "",
        "",
        "Honestly,",
        "To be frank,",
        "Not great:",
        "Same as last month:",
        "Again,",
        "Frustrating:",
    ),
    "mid": ("", "", "Mixed week.", "Overall ok:", "Not bad.", "So-so:", "Hard to say."),
    "high": ("", "", "Really good week!", "Thanks!", "Small win:", "Good news:", "Great:"),
}
DETAILS = {
    "low": (
        "It happened again {day}.",
        "{tool} was down twice on top of that.",
        "{customer} escalated twice {day}.",
        "Three of us flagged it {day}; no reply yet.",
        "{customer} noticed, and so did we.",
        "It has been like this since {process} changed.",
        "Nobody owns {process}, so nothing moves.",
    ),
    "mid": (
        "Things were better {day}.",
        "{tool} helped a bit.",
        "We will see how it goes with {process}.",
        "{process} is still unclear to new people.",
        "{customer} took most of my time {day}.",
        "{customer} was patient with us, luckily.",
    ),
    "high": (
        "{customer} wrote back to say thanks.",
        "It started with {process} {day}.",
        "{customer} even sent a note to our lead.",
        "Even {process} went smoothly {day}.",
        "{tool} finally behaves.",
        "The whole team noticed.",
    ),
}
WISHES = {
    "low": (
        "Could we get another person on the queue?",
        "Please fix {process} before adding more work.",
        "I would like a real conversation about this.",
        "We need proper training on {tool}.",
        "Please stop adding goals mid-quarter.",
    ),
    "mid": (
        "Clearer goals for next quarter would help.",
        "More time for {process} would help.",
        "It would be good to hear how {customer} is doing after we hand over.",
    ),
    "high": (
        "More weeks like this one, please.",
        "Let's keep {process} the way it is now.",
        "Could other teams try this too?",
    ),
}


def sentiment(share: float) -> str:
    """low, mid or high for an answer's place on its scale (0 the lowest answer, 1 the highest)."""
    return "low" if share < 0.45 else "high" if share > 0.7 else "mid"


def compose(rng: np.random.Generator, driver: str, mood: str) -> str:
    opening = pick(rng, OPENINGS[mood])
    situation = pick(rng, SITUATIONS[driver][mood]).format(**fill(rng))
    parts = [opening, situation if opening.endswith(":") or opening.endswith(",") else capital(situation)]
    wish = rng.random() < (0.5 if mood != "high" else 0.3)
    if not wish or rng.random() < 0.4:
        parts.append(capital(pick(rng, DETAILS[mood]).format(**fill(rng))))
    if wish:
        parts.append(capital(pick(rng, WISHES[mood]).format(**fill(rng))))
    return " ".join(p for p in parts if p)


def fill(rng: np.random.Generator) -> dict[str, str]:
    return {
        "tool": pick(rng, TOOLS),
        "customer": pick(rng, ACCOUNTS),
        "process": pick(rng, PROCESSES),
        "day": pick(rng, DAYS),
    }


def pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[rng.integers(len(options))]


def capital(text: str) -> str:
    return text[0].upper() + text[1:]
