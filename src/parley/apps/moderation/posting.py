"""What posting asks of moderation before and after the engine: is the commenter banned or pre-moderated?

Imported by ``comments.services.post_comment``; it depends only on models, so importing it there is safe.
"""

from __future__ import annotations

from parley.apps.moderation.models import CommenterRestriction, RestrictionKind
from parley.moderation import Decision, Finding, Verdict

PREMODERATED_COMMENTER = "premoderated_commenter"


def restriction_for(commenter) -> CommenterRestriction | None:
    """The restriction in force on ``commenter`` now, if any (a ban before pre-moderation)."""
    return CommenterRestriction.objects.active_for(commenter)


def ban_message(commenter) -> str:
    """Why ``commenter`` may not post, or an empty string when they may."""
    restriction = restriction_for(commenter)
    if restriction is not None and restriction.kind == RestrictionKind.BAN:
        return restriction.posting_message()
    return ""


def apply_restrictions(commenter, verdict: Verdict) -> Verdict:
    """Hold what the engine would publish when ``commenter`` is under pre-moderation."""
    if verdict.decision != Decision.PUBLISH:
        return verdict
    restriction = restriction_for(commenter)
    if restriction is None or restriction.kind != RestrictionKind.PREMODERATE:
        return verdict
    finding = Finding(rule=PREMODERATED_COMMENTER, score=1.0, threshold=1.0,
                      message="A moderator reads this commenter's comments before they are published.")
    return Verdict(decision=Decision.HOLD, findings=[*verdict.findings, finding], engine=verdict.engine)
