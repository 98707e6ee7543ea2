"""The moderation app's models, one small module each; import them from here."""

from parley.apps.moderation.models.appeals import Appeal, AppealStatus
from parley.apps.moderation.models.audit import AppendOnlyError, AuditEvent, AuditQuerySet, record
from parley.apps.moderation.models.notices import ILLEGAL, Notice, NoticeStatus
from parley.apps.moderation.models.restrictions import CommenterRestriction, RestrictionKind
from parley.apps.moderation.models.scopes import SiteModerator
from parley.apps.moderation.models.statements import TDB_FIELDS, StatementAction, StatementOfReasons
from parley.apps.moderation.models.takedowns import Takedown

__all__ = [
    "ILLEGAL",
    "TDB_FIELDS",
    "Appeal",
    "AppealStatus",
    "AppendOnlyError",
    "AuditEvent",
    "AuditQuerySet",
    "CommenterRestriction",
    "Notice",
    "NoticeStatus",
    "RestrictionKind",
    "SiteModerator",
    "StatementAction",
    "StatementOfReasons",
    "Takedown",
    "record",
]
