"""The admin's setup checklist: what is done, what is not, and how to fix it."""

from engage.setup.checklist import checklist, setup_incomplete  # noqa: F401
