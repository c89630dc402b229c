"""Checks shared by every surface that takes input: web pages, the API, uploaded files, Slack."""
