from engage.models.alerts import ALERT_KINDS, TeamAlert
from engage.models.auth import ROLES, ApiToken, User
from engage.models.conversations import CommentThread, ThreadMessage
from engage.models.insights import StaleRollup, TeamClosure, TeamPeriodStat
from engage.models.kudos import CompanyValue, CustomerAccount, Kudos, KudosRecipient
from engage.models.outbox import OutgoingMessage
from engage.models.people import Employee, Team
from engage.models.pulses import DRIVERS, PulseDelivery, PulseResponse, Question, driver_label
from engage.models.ratings import Rating, TeamMapping, TicketOutcome
from engage.models.settings import ProcessedSlackEvent, Setting
from engage.models.sources import SOURCE_KINDS, RatingSource

__all__ = [
    "ALERT_KINDS",
    "ROLES",
    "DRIVERS",
    "ApiToken",
    "CommentThread",
    "CompanyValue",
    "CustomerAccount",
    "Employee",
    "Kudos",
    "KudosRecipient",
    "OutgoingMessage",
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
    "TeamAlert",
    "TeamClosure",
    "TeamPeriodStat",
    "TeamMapping",
    "ThreadMessage",
    "TicketOutcome",
    "User",
    "driver_label",
]
