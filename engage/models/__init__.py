from engage.models.audit import AuditEvent
from engage.models.auth import ROLES, ApiToken, User
from engage.models.digests import DigestDelivery, DigestPreference
from engage.models.insights import StaleRollup, TeamClosure, TeamPeriodStat
from engage.models.kudos import CompanyValue, CustomerAccount, Kudos, KudosRecipient
from engage.models.people import Employee, Team
from engage.models.plans import PLAN_STATUSES, ActionPlan
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
    "AuditEvent",
    "CompanyValue",
    "CustomerAccount",
    "Employee",
    "Kudos",
    "KudosRecipient",
    "ProcessedSlackEvent",
    "PulseDelivery",
    "PulseResponse",
    "Question",
    "Rating",
    "RatingSource",
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
