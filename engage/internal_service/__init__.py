"""Internal service: front-line people rate the back-office teams that serve them, in the pulse.

roles: which teams are on or serve the front line (an admin sets it); asking: who is asked about which
team on which day (called by the pulse scheduler); figures: a served team's weekly score, withheld
below the anonymity threshold; pooled: its ratings against the front-line teams' CSAT, lag by lag.
"""
