from engage.models.auth import ROLES, ApiToken, ScimToken, User
from engage.models.digests import DigestDelivery, DigestPreference
from engage.models.insights import StaleRollup, TeamClosure, TeamPeriodStat
from engage.models.kudos import CompanyValue, CustomerAccount, Kudos, KudosRecipient
from engage.models.people import Employee, Team
from engage.models.plans import PLAN_STATUSES, ActionPlan
from engage.models.praise import PraiseDelivery
from engage.models.pulses import DRIVERS, PulseDelivery, PulseResponse, Question, driver_label
from engage.models.ratings import Rating, TeamMapping, TicketOutcome
from engage.models.settings import ProcessedSlackEvent, Setting
from engage.models.sources import SOURCE_KINDS, RatingSource

__all__ = [
    "ROLES",
    "PLAN_STATUSES",
    "ActionPlan",
    "DigestDelivery",
    "DigestPreference",
    "DRIVERS",
    "ApiToken",
    "CompanyValue",
    "CustomerAccount",
    "Employee",
    "Kudos",
    "KudosRecipient",
    "PraiseDelivery",
    "ProcessedSlackEvent",
    "PulseDelivery",
    "PulseResponse",
    "Question",
    "Rating",
    "RatingSource",
    "ScimToken",
    "SOURCE_KINDS",
    "Setting",
    "StaleRollup",
    "Team",
    "TeamClosure",
    "TeamPeriodStat",
    "TeamMapping",
    "TicketOutcome",
    "User",
    "driver_label",
]
