"""engage's own pulse questions, by engagement driver. 1-5 agreement scales; eNPS on 0-10; open questions
answered in words only."""

import sqlalchemy as sa

from engage.extensions import db
from engage.models import OPEN, Question
from engage.models.pulses import INTERNAL_SERVICE

QUESTION_BANK: dict[str, list[str]] = {
    "recognition": [
        "When I go the extra mile for a customer, someone notices.",
        "I have been thanked for good work in the last two weeks.",
        "Recognition here goes to the people who actually solved the problem.",
    ],
    "feedback": [
        "I know how well I am doing without waiting for a review.",
        "The feedback I get helps me serve customers better.",
        "I can tell my manager when something isn't working.",
    ],
    "growth": [
        "I am learning things at work that will matter for my career.",
        "I can see a next step for myself in this company.",
        "I had the chance to use a new skill this month.",
    ],
    "wellbeing": [
        "I finish most workdays with energy left for my own life.",
        "I can switch off from work when I am not working.",
        "Difficult customer conversations don't stay with me after work.",
    ],
    "workload": [
        "I have enough time to solve customers' problems properly.",
        "My workload this week is manageable.",
        "I rarely have to rush a customer to hit a target.",
    ],
    "manager_relationship": [
        "My manager backs me up when I do the right thing for a customer.",
        "My manager cares about me as a person.",
        "I trust my manager to be fair.",
    ],
    "peer_relationship": [
        "I can count on my teammates when a customer issue gets hard.",
        "People on my team share what they know.",
        "I feel I belong on my team.",
    ],
    "customer_mission": [
        "I understand how my work keeps our customers with us.",
        "I have the freedom to do what it takes to fix a customer's problem.",
        "We measure what matters to customers, not just how fast we are.",
    ],
    "ambassadorship": [
        "I am proud to tell people where I work.",
        "I would recommend our product to a friend.",
        "I see myself still working here in two years.",
    ],
    "satisfaction": [
        "Overall, I am happy with my job.",
        "Today was a good day at work.",
        "My work gives me a sense of accomplishment.",
    ],
}

ENPS_QUESTION = "How likely are you to recommend working here to a friend? (0-10)"
INTERNAL_SERVICE_QUESTION = "How well did {team} help you serve customers this week?"

# Asked now and then instead of a score question (engage/pulses/rotation.py); one a driver, no eNPS.
OPEN_QUESTIONS: dict[str, str] = {
    "customer_mission": "What one thing would help you serve customers better?",
    "workload": "What is one thing that slows you down that we could remove?",
    "growth": "What would you like to learn or try in the next few months?",
    "recognition": "What piece of work lately deserved more credit than it got?",
    "feedback": "What feedback would help you most right now?",
    "manager_relationship": "What could your manager do more of, or less of, to help you?",
    "wellbeing": "What would make your working week more sustainable?",
    "peer_relationship": "What would make it easier to get help from your teammates?",
    "satisfaction": "If you could change one thing about working here, what would it be?",
    "ambassadorship": "What would make you prouder to tell people where you work?",
}


def install_question_bank() -> int:
    """Add the bank's questions that are not in the database yet; return how many were added."""
    existing = set(db.session.scalars(sa.select(Question.text)))
    added = 0
    for driver, texts in QUESTION_BANK.items():
        for text in texts:
            if text not in existing:
                db.session.add(Question(driver=driver, text=text, scale="likert5"))
                added += 1
    for driver, text in OPEN_QUESTIONS.items():
        if text not in existing:
            db.session.add(Question(driver=driver, text=text, scale=OPEN))
            added += 1
    if ENPS_QUESTION not in existing:
        db.session.add(Question(driver="enps", text=ENPS_QUESTION, scale="nps10"))
        added += 1
    if INTERNAL_SERVICE_QUESTION not in existing:
        db.session.add(Question(driver=INTERNAL_SERVICE, text=INTERNAL_SERVICE_QUESTION, scale="likert5"))
        added += 1
    db.session.commit()
    return added
