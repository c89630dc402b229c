"""Action plans: a manager picks a driver to improve for a team, says what they will do and when to
review it. The plan shows on the team page, may be announced in a Slack channel, its start date is the
team's before/after pivot, and its owner gets a reminder with the comparison so far on the review date.
"""
