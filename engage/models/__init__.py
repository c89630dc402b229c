from engage.models.alerts import ALERT_KINDS, TeamAlert
from engage.models.audit import AuditEvent
from engage.models.auth import ROLES, ApiToken, ScimToken, User
from engage.models.conversations import CommentThread, ThreadMessage
from engage.models.digests import DigestDelivery, DigestPreference
from engage.models.insights import OrgSliceStat, SharedFigures, StaleRollup, TeamClosure, TeamPeriodStat
from engage.models.kudos import CompanyValue, CustomerAccount, Kudos, KudosRecipient
from engage.models.outbox import OutgoingMessage
from engage.models.people import Employee, Team
from engage.models.plans import PLAN_STATUSES, ActionPlan
from engage.models.praise import PraiseDelivery
from engage.models.pulses import DRIVERS, OPEN, PulseDelivery, PulseResponse, Question, driver_label
from engage.models.ratings import Rating, TeamMapping, TicketOutcome
from engage.models.settings import ProcessedSlackEvent, Setting
from engage.models.sources import SOURCE_KINDS, RatingSource

__all__ = [
    "ALERT_KINDS",
    "OrgSliceStat",
    "ROLES",
    "PLAN_STATUSES",
    "ActionPlan",
    "DigestDelivery",
    "DigestPreference",
    "DRIVERS",
    "OPEN",
    "ApiToken",
    "CommentThread",
    "AuditEvent",
    "CompanyValue",
    "CustomerAccount",
    "Employee",
    "Kudos",
    "KudosRecipient",
    "OutgoingMessage",
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
    "SharedFigures",
    "StaleRollup",
    "Team",
    "TeamAlert",
    "TeamClosure",
    "TeamPeriodStat",
    "TeamMapping",
    "ThreadMessage",
    "TicketOutcome",
    "User",
    "driver_label",
]
