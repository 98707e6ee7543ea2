"""The verdict used when the engine itself fails: the comment is held, never published."""

from parley.moderation.verdict import Decision, Finding, Verdict

ENGINE_ERROR = "engine_error"


def engine_error_verdict(error: BaseException) -> Verdict:
    return Verdict(
        decision=Decision.HOLD,
        findings=[
            Finding(
                rule=ENGINE_ERROR,
                score=1.0,
                threshold=1.0,
                message="The automatic checks could not run, so a moderator will review this comment.",
            )
        ],
        engine=f"error:{type(error).__name__}",
    )
