"""The weekly digest: a Slack DM on the digest day, at the pulse hour in each recipient's time zone,
with their teams' figures (or the organisation's, for HR who asked) under the dashboard's anonymity rules.

Rows are written once per person, kind and day (scheduling.py) and claimed, sent and recovered as
pulse deliveries are (sending.py, through engage/pulses/sending.py).
"""
