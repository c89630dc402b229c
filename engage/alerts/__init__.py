"""Alerts on a team's weekly figures: engagement and CSAT both beyond their noise, or a sharp
participation drop (see engage/alerts/noise.py for the definition)."""
