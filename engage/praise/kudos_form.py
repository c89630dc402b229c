"""Kudos from a piece of praise: who may give them, and what the kudos form opens with."""

from dataclasses import dataclass

from engage.kudos.accounts import find_account
from engage.kudos.errors import KudosRefused
from engage.kudos.giving import giver_for
from engage.praise.queries import praise_of_rating


@dataclass(frozen=True)
class PraiseKudos:
    recipient_slack_id: str
    message: str
    account_name: str | None  # the customer's company as the help desk named it, or as engage knows it
    account_id: int | None  # set when engage knows the account already


def _account(name: str | None) -> tuple[str | None, int | None]:
    name = " ".join((name or "").split())
    if not name:
        return None, None
    known = find_account(name)
    return (known.name, known.id) if known is not None else (name, None)


def kudos_from_praise(rating_id: int, clicker_slack_id: str) -> PraiseKudos:
    """What the form opens with for the manager who clicked, or KudosRefused saying why not."""
    giver = giver_for(clicker_slack_id)
    praise = praise_of_rating(rating_id)
    if praise is None:
        raise KudosRefused("That praise is no longer there: the rating changed, or the agent left.")
    if praise.manager_id != giver.id:
        raise KudosRefused(f"Only {praise.agent_name}'s manager can give kudos from this praise.")
    if not praise.agent_slack_id:
        raise KudosRefused(f"{praise.agent_name} isn't linked to Slack yet, so kudos can't reach them.")
    message = f"A customer wrote: “{praise.words}”"
    return PraiseKudos(praise.agent_slack_id, message, *_account(praise.account))
