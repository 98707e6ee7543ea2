"""Parley's moderation library. It has no Django import: the platform calls it through one seam,
``moderate(comment, context) -> Verdict``.
"""

from parley.moderation.context import ArticleInput, CommentInput, ModerationContext
from parley.moderation.errors import ENGINE_ERROR, engine_error_verdict
from parley.moderation.hold_all import PRE_MODERATION, hold_all, pre_moderation_finding
from parley.moderation.verdict import Decision, Finding, Verdict

__all__ = [
    "ArticleInput",
    "CommentInput",
    "Decision",
    "ENGINE_ERROR",
    "Finding",
    "ModerationContext",
    "PRE_MODERATION",
    "Verdict",
    "engine_error_verdict",
    "hold_all",
    "pre_moderation_finding",
]
