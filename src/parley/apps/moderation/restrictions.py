"""Pre-moderate or ban a commenter, for a time or until lifted; lift early. Posting enforces both
(``posting.py``): a ban refuses the comment with a clear message, pre-moderation holds what would be published.

A ban restricts the service, so it gets a statement of reasons (DSA Art. 17(1)(c)) that can be appealed;
pre-moderation delays publication but removes nothing, so it is audited without one.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from parley.apps.comments.models import Comment, Commenter
from parley.apps.moderation import emails, statements, tdb
from parley.apps.moderation.errors import ModerationError
from parley.apps.moderation.grounds import ground_for, is_terms_rule
from parley.apps.moderation.models import (
    CommenterRestriction,
    RestrictionKind,
    StatementAction,
    StatementOfReasons,
    record,
)
from parley.apps.moderation.models.statements import new_puid
from parley.apps.moderation.permissions import require_restrict

# The durations a form offers; None is "until lifted".
DURATIONS: dict[str, timedelta | None] = {
    "1d": timedelta(days=1),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
    "90d": timedelta(days=90),
    "365d": timedelta(days=365),
    "indefinite": None,
}
DURATION_LABELS = {"1d": "One day", "7d": "One week", "30d": "30 days", "90d": "90 days", "365d": "One year",
                   "indefinite": "Until lifted"}


def duration_choices() -> list[tuple[str, str]]:
    return [(key, DURATION_LABELS[key]) for key in DURATIONS]


def parse_duration(key: str) -> timedelta | None:
    """A duration from its form key; raises ``ModerationError`` for an unknown one."""
    if key not in DURATIONS:
        raise ModerationError("duration", "Choose how long the restriction lasts.")
    return DURATIONS[key]


def _impose(kind: str, commenter: Commenter, *, actor, duration: timedelta | None, reason: str, rule: str,
            now) -> CommenterRestriction:
    require_restrict(actor, commenter.site)
    reason = reason.strip()
    if not reason:
        raise ModerationError("reason", "Say why, so that other moderators (and the commenter) know.")
    if rule and not is_terms_rule(rule):
        raise ModerationError("rule", "Choose a rule of the terms, or none.")
    if duration is not None and duration <= timedelta(0):
        raise ModerationError("duration", "The duration must be positive.")
    # One restriction of a kind at a time: a new one replaces the one in force (which is kept, lifted).
    for old in CommenterRestriction.objects.active(now).filter(commenter=commenter, kind=kind).select_for_update():
        _lift(old, actor=actor, reason="Replaced by a new restriction", now=now)
    restriction = CommenterRestriction.objects.create(
        commenter=commenter, site=commenter.site, kind=kind, rule=rule, reason=reason, starts_at=now,
        until=now + duration if duration is not None else None, created_by=actor, created_at=now,
    )
    record(f"commenter.{'banned' if kind == RestrictionKind.BAN else 'premoderated'}", actor=actor,
           reason=reason, data={"restriction": restriction.pk, "commenter": commenter.pk, "rule": rule,
                                "until": restriction.until.isoformat() if restriction.until else None})
    return restriction


@transaction.atomic
def premoderate(commenter: Commenter, *, actor, duration: timedelta | None, reason: str, rule: str = "",
                now=None) -> CommenterRestriction:
    """Hold every comment ``commenter`` posts for a moderator, for ``duration`` (None: until lifted)."""
    return _impose(RestrictionKind.PREMODERATE, commenter, actor=actor, duration=duration, reason=reason, rule=rule,
                   now=now or timezone.now())


@transaction.atomic
def ban(commenter: Commenter, *, actor, duration: timedelta | None, reason: str, rule: str = "", message: str = "",
        comment: Comment | None = None, now=None) -> CommenterRestriction:
    """Ban ``commenter`` from posting on their site for ``duration`` (None: until lifted), with a statement of
    reasons sent to them. ``comment`` is the comment that led to the ban, if one did."""
    now = now or timezone.now()
    restriction = _impose(RestrictionKind.BAN, commenter, actor=actor, duration=duration, reason=reason, rule=rule,
                          now=now)
    restriction.statement = _ban_statement(restriction, actor=actor, message=message, comment=comment, now=now)
    restriction.save(update_fields=["statement"])
    return restriction


def _ban_statement(restriction: CommenterRestriction, *, actor, message: str, comment: Comment | None,
                   now) -> StatementOfReasons:
    site = restriction.site
    ground = ground_for(restriction.rule, site)
    until = restriction.until
    label = ground.label or "the comment terms"
    facts = (f"A moderator banned the commenter from commenting on {site.name} "
             + (f"until {timezone.localtime(until):%d %B %Y}" if until else "until the ban is lifted")
             + f" under the rule \u201c{label}\u201d. {restriction.reason}")
    statement = StatementOfReasons(
        site=site, comment=comment, commenter=restriction.commenter, action=StatementAction.BAN,
        rule=restriction.rule, rules=[restriction.rule] if restriction.rule else [], message=message.strip(),
        decided_by=actor, decided_by_label=actor.get_username(), created_at=now,
        decision_provision=("DECISION_PROVISION_TOTAL_SUSPENSION" if until else
                            "DECISION_PROVISION_TOTAL_TERMINATION"),
        end_date_service_restriction=timezone.localdate(until) if until else None,
        decision_ground=tdb.INCOMPATIBLE_CONTENT,
        incompatible_content_ground=(ground.clause or ground.label)[:500],
        incompatible_content_explanation=ground.incompatible_content_explanation[:2000],
        content_type=["CONTENT_TYPE_TEXT"], category=ground.category,
        category_specification=list(ground.specification),
        category_specification_other=ground.specification_other if tdb.KEYWORD_OTHER in ground.specification else "",
        territorial_scope=list(tdb.EEA_COUNTRIES),
        content_date=timezone.localdate(comment.created_at if comment else now),
        application_date=timezone.localdate(now),
        decision_facts=" ".join(facts.split())[:5000],
        source_type=tdb.SOURCE_VOLUNTARY, automated_detection=False, automated_decision=tdb.NOT_AUTOMATED,
        decision_ground_reference_url=emails.terms_link(site)[:500],
        puid=new_puid(site.slug, f"commenter-{restriction.commenter_id}"),
    )
    statements.save_checked(statement)
    record("statement.issued", actor=actor, comment=comment, reason=restriction.rule,
           data={"statement": statement.pk, "puid": statement.puid, "action": StatementAction.BAN,
                 "restriction": restriction.pk})
    statements.send_statement(statement)
    return statement


def _lift(restriction: CommenterRestriction, *, actor, reason: str, now) -> CommenterRestriction:
    restriction.lifted_at = now
    restriction.lifted_by = actor
    restriction.lift_reason = reason[:500]
    restriction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    record("commenter.restriction_lifted", actor=actor, reason=reason,
           data={"restriction": restriction.pk, "commenter": restriction.commenter_id, "kind": restriction.kind})
    return restriction


@transaction.atomic
def lift(restriction: CommenterRestriction, *, actor, reason: str, now=None) -> CommenterRestriction:
    """End a restriction early. It is kept, marked lifted, with who lifted it and why."""
    require_restrict(actor, restriction.site)
    now = now or timezone.now()
    restriction = CommenterRestriction.objects.select_for_update().get(pk=restriction.pk)
    if not restriction.is_active(now):
        raise ModerationError("__all__", "This restriction is no longer in force.")
    if not reason.strip():
        raise ModerationError("reason", "Say why the restriction is lifted early.")
    if restriction.statement_id:
        StatementOfReasons.objects.filter(pk=restriction.statement_id, revoked_at=None).update(
            revoked_at=now, revoked_reason=f"Ban lifted early: {reason.strip()}"[:500])
    return _lift(restriction, actor=actor, reason=reason.strip(), now=now)


def history(commenter: Commenter):
    """Every restriction ever imposed on ``commenter``, newest first, lifted ones included."""
    return CommenterRestriction.objects.filter(commenter=commenter).select_related("created_by", "lifted_by")
