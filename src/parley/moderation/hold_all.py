"""The fail-closed default: a human reviews every comment before it is published."""

from parley.moderation.context import CommentInput, ModerationContext
from parley.moderation.verdict import Decision, Finding, Verdict

PRE_MODERATION = "pre_moderation"


def pre_moderation_finding() -> Finding:
    return Finding(
        rule=PRE_MODERATION,
        score=1.0,
        threshold=1.0,
        message="Every comment on this site is read by a moderator before it is published.",
    )


def hold_all(comment: CommentInput, context: ModerationContext) -> Verdict:
    return Verdict(decision=Decision.HOLD, findings=[pre_moderation_finding()], engine="hold_all")
