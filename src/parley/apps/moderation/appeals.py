"""Appeals against a decline, delete, take-down or ban: free, open for six months after the decision, and decided
by a person — never automatically. A reversal republishes the comment (or lifts the ban); the appellant gets a
reasoned answer either way.

Commenters file appeals from their private status page (a signed link), so ``file_appeal`` needs no user.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from parley.apps.comments.models import Status
from parley.apps.moderation import emails, statements
from parley.apps.moderation.errors import AppealError
from parley.apps.moderation.grounds import ground_for
from parley.apps.moderation.models import (
    Appeal,
    AppealStatus,
    CommenterRestriction,
    StatementAction,
    StatementOfReasons,
    record,
)
from parley.apps.moderation.permissions import can_take_down, require_decide_appeals

EXPLANATION_MAX = 5000
ANSWER_MIN = 20


def refusal(statement: StatementOfReasons, *, now=None) -> AppealError | None:
    """Why ``statement`` cannot be appealed now (the error ``file_appeal`` raises), or None when it can: the
    decision was reversed, the six months have passed, or an appeal is waiting or was decided."""
    now = now or timezone.now()
    if statement.revoked_at is not None:
        return AppealError("__all__", "This decision has already been reversed; there is nothing to appeal.")
    if now > statement.appeal_deadline:
        return AppealError(
            "__all__",
            f"The six months for appealing this decision ended on "
            f"{timezone.localtime(statement.appeal_deadline):%d %B %Y}, so it can no longer be appealed here. "
            "You can still turn to an out-of-court dispute settlement body or a court.",
        )
    previous = statement.appeals.order_by("-filed_at").first()
    if previous is not None and previous.is_open:
        return AppealError("__all__", "You have already appealed this decision; a moderator will answer you.")
    if previous is not None:
        return AppealError(
            "__all__",
            f"This decision was already reviewed on appeal on {timezone.localtime(previous.decided_at):%d %B %Y}. "
            "You can turn to an out-of-court dispute settlement body or a court.",
        )
    return None


@transaction.atomic
def file_appeal(statement: StatementOfReasons, *, explanation: str, email: str = "", name: str = "",
                now=None) -> Appeal:
    """File the commenter's appeal against ``statement``. Raises ``AppealError`` when the six months have passed,
    the decision was already reversed, or an appeal is already waiting or was decided."""
    now = now or timezone.now()
    statement = StatementOfReasons.objects.select_for_update(of=("self",)).select_related("commenter", "site").get(
        pk=statement.pk)
    refused = refusal(statement, now=now)
    if refused is not None:
        raise refused
    explanation = explanation.strip()
    if not explanation:
        raise AppealError("explanation", "Please say why you think the decision is wrong.")
    if len(explanation) > EXPLANATION_MAX:
        raise AppealError("explanation", f"Please keep your explanation under {EXPLANATION_MAX} characters.")
    email = (email or statement.commenter.email).strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise AppealError("email", "Please give a valid e-mail address, or leave it empty.") from None
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                statement=statement, site=statement.site, comment=statement.comment, explanation=explanation,
                appellant_email=email, appellant_name=(name or statement.commenter.display_name).strip()[:100],
                filed_at=now,
            )
    except IntegrityError:
        raise AppealError("__all__", "You have already appealed this decision; a moderator will answer you.") from None
    record("appeal.filed", actor_label="commenter", comment=statement.comment, reason=explanation[:500],
           data={"appeal": appeal.pk, "statement": statement.pk})
    emails.send("appeal_receipt", to=email, reply_to=statement.site.appeal_contact,
                subject=f"We received your appeal ({statement.site.name})",
                context={"appeal": appeal, "statement": statement, "site": statement.site})
    return appeal


@transaction.atomic
def decide_appeal(appeal: Appeal, *, actor, outcome: str, answer: str, now=None) -> Appeal:
    """A moderator's decision on ``appeal``: ``outcome`` is "upheld" or "reversed", ``answer`` the reasoned answer
    sent to the appellant. Only a person with the right to decide appeals on the site can call this: there is no
    automatic path (``AppealError`` without a person, ``PermissionDenied`` without the right)."""
    now = now or timezone.now()
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise AppealError("__all__", "Appeals are decided by a person, never automatically: sign in to decide.")
    locked = Appeal.objects.select_for_update(of=("self",)).select_related("statement", "site", "comment")
    appeal = locked.get(pk=appeal.pk)
    require_decide_appeals(actor, appeal.site)
    if outcome not in (AppealStatus.UPHELD, AppealStatus.REVERSED):
        raise AppealError("outcome", "Choose whether to uphold or reverse the decision.")
    if not appeal.is_open:
        raise AppealError("__all__", "This appeal has already been decided.")
    answer = answer.strip()
    if len(answer) < ANSWER_MIN:
        raise AppealError("answer", "Write the reasoned answer the commenter will receive (a few sentences).")
    statement = appeal.statement
    if outcome == AppealStatus.REVERSED:
        _reverse(statement, actor=actor, answer=answer, now=now)
    appeal.status = outcome
    appeal.decided_by = actor
    appeal.decided_at = now
    appeal.answer = answer
    appeal.save(update_fields=["status", "decided_by", "decided_at", "answer"])
    record("appeal.decided", actor=actor, comment=appeal.comment, reason=answer[:500],
           data={"appeal": appeal.pk, "statement": statement.pk, "outcome": outcome})
    if emails.send("appeal_decision", to=appeal.appellant_email, reply_to=appeal.site.appeal_contact,
                   subject=f"The decision on your appeal ({appeal.site.name})",
                   context={"appeal": appeal, "statement": statement, "site": appeal.site,
                            "reversed": outcome == AppealStatus.REVERSED,
                            "ground": ground_for(statement.rule, appeal.site),
                            "status_link": emails.status_link(appeal.comment) if appeal.comment else ""}):
        Appeal.objects.filter(pk=appeal.pk).update(answer_sent_at=now)
    return appeal


def _reverse(statement: StatementOfReasons, *, actor, answer: str, now) -> None:
    """Undo the decision: republish the comment, or lift the ban."""
    from parley.apps.comments.services import set_status

    statements.revoke_statement(statement, f"Reversed on appeal: {answer}", now=now)
    if statement.action == StatementAction.BAN:
        restriction = CommenterRestriction.objects.filter(statement=statement).first()
        if restriction is not None and restriction.lifted_at is None:
            restriction.lifted_at, restriction.lifted_by = now, actor
            restriction.lift_reason = "Reversed on appeal"
            restriction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
            record("commenter.restriction_lifted", actor=actor, reason="Reversed on appeal",
                   data={"restriction": restriction.pk, "commenter": restriction.commenter_id})
        return
    comment = statement.comment
    if statement.action == StatementAction.TAKEDOWN or comment.taken_down_at is not None:
        if not can_take_down(actor):
            raise PermissionDenied("Only Parley admins can reverse an emergency take-down.")
        type(comment).objects.filter(pk=comment.pk).update(taken_down_at=None)
        comment.taken_down_at = None
    if comment.status != Status.PUBLISHED:
        set_status(comment, Status.PUBLISHED, actor=actor, reason="Decision reversed on appeal")
