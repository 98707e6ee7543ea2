"""Statements of reasons: issued for every decline, delete, take-down and ban, and sent to the commenter.

Every path that declines or removes a comment ends in a statement:

* the services in this app (``actions``, ``takedown``, ``restrictions``) issue one themselves, with the rule and
  message the moderator gave, inside ``issuing()`` so the generic hook below stays out of the way;
* anything else that moves a comment to *declined* or *deleted* through ``comments.services.set_status`` — the
  engine's automatic rejection at posting, the Django admin's actions — gets one from ``on_status_changed``: the
  engine's from its verdict (automated detection and decision), the others from the verdict's main rule.

When a comment is published again, the statements in force on it are revoked (kept, with ``revoked_at``).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from parley.apps.comments.models import Comment, Status
from parley.apps.moderation import emails, purge, tdb
from parley.apps.moderation.grounds import RuleGround, ground_for, is_terms_rule
from parley.apps.moderation.models import Notice, StatementAction, StatementOfReasons, record
from parley.apps.moderation.models.statements import new_puid
from parley.moderation import Verdict

_issuing: ContextVar[bool] = ContextVar("parley_issuing_statement", default=False)

VISIBILITY = {
    StatementAction.DECLINE: ["DECISION_VISIBILITY_CONTENT_DISABLED"],
    StatementAction.DELETE: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
    StatementAction.TAKEDOWN: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
}
VERB = {StatementAction.DECLINE: "declined", StatementAction.DELETE: "deleted",
        StatementAction.TAKEDOWN: "removed", StatementAction.BAN: "banned"}


@contextmanager
def issuing():
    """Status changes inside this block get no automatic statement: the caller issues its own."""
    token = _issuing.set(True)
    try:
        yield
    finally:
        _issuing.reset(token)


def _verdict(comment: Comment) -> Verdict | None:
    try:
        return Verdict.from_dict(comment.verdict) if comment.verdict else None
    except (KeyError, TypeError, ValueError):
        return None


def terms_findings(comment: Comment) -> list:
    """The engine's findings on ``comment`` that cite a rule of the terms (not pre-moderation or errors)."""
    verdict = _verdict(comment)
    return [f for f in verdict.findings if is_terms_rule(f.rule)] if verdict else []


def main_rule(comment: Comment) -> str:
    findings = terms_findings(comment)
    return findings[0].rule if findings else ""


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe_facts(comment: Comment, *, action: str, ground: RuleGround, automated_decision: str,
                   notices: int = 0, extra: str = "") -> str:
    """The facts and circumstances relied on (Art. 17(3)(b)), in plain words and without personal data."""
    article = comment.article
    parts = [(f"A comment posted on {timezone.localtime(comment.created_at):%d %B %Y} under the article "
              f"\u201c{article.title}\u201d ({article.url}).")]
    findings = terms_findings(comment)
    if findings:
        listed = "; ".join(f.message or f.rule for f in findings[:5])
        parts.append(f"Parley's automatic checks flagged it when it was submitted: {listed}")
    if notices:
        parts.append(f"{notices} reader report{'s' if notices != 1 else ''} (notices under Article 16 DSA) said "
                     "it breaks the comment terms.")
    label = ground.label or "the comment terms"
    if action == StatementAction.TAKEDOWN:
        parts.append("An administrator removed it at once under the emergency take-down procedure.")
    elif automated_decision == tdb.AUTOMATED_FULLY:
        main = next((f for f in findings if f.rule == ground.rule), None)
        detail = (f" (score {main.score:.2f}, at or above the threshold {main.threshold:.2f} for declining "
                  "without review)") if main else ""
        parts.append(f"It was {VERB[action]} automatically, without review by a person, under the rule "
                     f"\u201c{label}\u201d{detail}.")
    else:
        parts.append(f"A moderator reviewed it and {VERB[action]} it under the rule \u201c{label}\u201d.")
    if extra:
        parts.append(extra)
    return _clip(" ".join(parts), 5000)


def issue(comment: Comment, *, action: str, rule: str = "", actor=None, actor_label: str = "", message: str = "",
          automated_detection: bool | None = None, automated_decision: str = tdb.NOT_AUTOMATED,
          notice: Notice | None = None, notices: int | None = None, illegal_ground: str = "",
          illegal_explanation: str = "", source_type: str = "", facts: str = "", notify: bool = True,
          now=None) -> StatementOfReasons:
    """Issue and store the statement of reasons for a decision on ``comment``, audit it and (by default) e-mail it
    to the commenter when they gave an address.

    ``rule`` is the rule of the terms relied on (its clause is quoted); ``illegal_ground`` makes the ground
    *illegal content* instead (e.g. a removal order). ``automated_detection`` defaults to whether the engine
    flagged the comment under a rule of the terms.
    """
    now = now or timezone.now()
    site = comment.article.site
    ground = ground_for(rule, site)
    if automated_detection is None:
        automated_detection = bool(terms_findings(comment))
    if notices is None:
        notices = comment.notices.open().count() if comment.pk else 0
    if not source_type:
        source_type = tdb.SOURCE_ARTICLE_16 if (notice is not None or notices) else tdb.SOURCE_VOLUNTARY
    rules = [rule] if rule else []
    rules += [f.rule for f in terms_findings(comment) if f.rule not in rules]
    fields = {
        "decision_visibility": VISIBILITY[action],
        "content_type": ["CONTENT_TYPE_TEXT"],
        "category": ground.category,
        "category_specification": list(ground.specification),
        "category_specification_other": ground.specification_other if tdb.KEYWORD_OTHER in ground.specification
        else "",
        "territorial_scope": list(tdb.EEA_COUNTRIES),
        "content_date": timezone.localdate(comment.created_at),
        "application_date": timezone.localdate(now),
        "source_type": source_type,
        "automated_detection": automated_detection,
        "automated_decision": automated_decision,
        "decision_ground_reference_url": emails.terms_link(site)[:500],
    }
    if illegal_ground:
        fields.update(decision_ground=tdb.ILLEGAL_CONTENT, illegal_content_legal_ground=_clip(illegal_ground, 500),
                      illegal_content_explanation=_clip(illegal_explanation or ground.explanation, 2000))
    else:
        fields.update(decision_ground=tdb.INCOMPATIBLE_CONTENT,
                      incompatible_content_ground=_clip(ground.clause or ground.label, 500),
                      incompatible_content_explanation=_clip(ground.incompatible_content_explanation, 2000))
    statement = StatementOfReasons(
        site=site,
        comment=comment,
        commenter=comment.commenter,
        action=action,
        rule=rule,
        rules=rules,
        message=message.strip(),
        notice=notice,
        decided_by=actor,
        decided_by_label=actor_label or (actor.get_username() if actor is not None else "system"),
        created_at=now,
        decision_facts=facts or describe_facts(comment, action=action, ground=ground,
                                               automated_decision=automated_decision, notices=notices),
        puid=new_puid(site.slug, f"comment-{comment.pk}"),
        **fields,
    )
    save_checked(statement)
    record("statement.issued", actor=actor, actor_label=actor_label, comment=comment, reason=statement.rule,
           data={"statement": statement.pk, "puid": statement.puid, "action": action,
                 "automated_decision": automated_decision})
    if notify:
        send_statement(statement)
    return statement


def save_checked(statement: StatementOfReasons) -> None:
    """Validate ``statement`` against the Transparency Database's rules, then store it."""
    errors = statement.transparency_errors()
    if errors:  # a programming error, never the commenter's or moderator's: fail loudly
        raise ValueError("statement of reasons does not fit the Transparency Database: " + "; ".join(errors))
    statement.save()


def issue_for_engine(comment: Comment, *, actor_label: str = "engine") -> StatementOfReasons:
    """The statement for the engine's automatic rejection of ``comment`` at posting."""
    return issue(comment, action=StatementAction.DECLINE, rule=main_rule(comment), actor_label=actor_label,
                 automated_detection=True, automated_decision=tdb.AUTOMATED_FULLY, notices=0)


def send_statement(statement: StatementOfReasons) -> bool:
    """E-mail the statement to the commenter, when they gave an address."""
    commenter = statement.commenter
    comment = statement.comment
    site = statement.site
    if not commenter.email:
        return False
    subject = (f"Your comment on \u201c{comment.article.title}\u201d was {VERB[statement.action]}" if comment
               else f"Your comments on {site.name}")
    sent = emails.send(
        "statement", to=commenter.email, subject=subject, reply_to=site.appeal_contact,
        context={"statement": statement, "comment": comment, "site": site, "commenter": commenter,
                 "ground": ground_for(statement.rule, site),
                 "status_link": emails.status_link(comment) if comment else "",
                 "terms_link": emails.terms_link(site)},
    )
    if sent:
        StatementOfReasons.objects.filter(pk=statement.pk).update(sent_at=timezone.now())
    return sent


def revoke(comment: Comment, reason: str, *, now=None) -> int:
    """Mark the statements in force on ``comment`` as reversed (the comment is published again)."""
    return StatementOfReasons.objects.filter(comment=comment, revoked_at=None).update(
        revoked_at=now or timezone.now(), revoked_reason=_clip(reason, 500))


def revoke_statement(statement: StatementOfReasons, reason: str, *, now=None) -> None:
    """Mark one statement as reversed."""
    statement.revoked_at = now or timezone.now()
    statement.revoked_reason = _clip(reason, 500)
    StatementOfReasons.objects.filter(pk=statement.pk).update(revoked_at=statement.revoked_at,
                                                             revoked_reason=statement.revoked_reason)


def current_statement(comment: Comment) -> StatementOfReasons | None:
    """The statement in force on ``comment`` (the latest), for its status page."""
    return comment.statements.filter(revoked_at=None).order_by("-created_at", "-id").first()


def on_status_changed(sender, *, comment, previous, status, actor=None, actor_label="", reason="", **kwargs):
    """Receiver of ``comments.services.status_changed``: caches are purged when a comment leaves the page; the
    statement is issued for a decision no service issued one for; statements are revoked when a comment is
    published again."""
    if previous == Status.PUBLISHED and status != Status.PUBLISHED:
        purge.invalidate(comment)
    if status == Status.PUBLISHED and previous in (Status.REJECTED, Status.DELETED):
        revoke(comment, reason or "The comment was published again.")
        return
    if status not in (Status.REJECTED, Status.DELETED) or _issuing.get():
        return
    action = StatementAction.DECLINE if status == Status.REJECTED else StatementAction.DELETE
    if actor is None and actor_label.startswith("engine") and status == Status.REJECTED:
        issue_for_engine(comment, actor_label=actor_label)
        return
    issue(comment, action=action, rule=main_rule(comment), actor=actor, actor_label=actor_label,
          automated_decision=tdb.NOT_AUTOMATED, message="")
    from parley.apps.moderation.notices import close_notices

    close_notices(comment, actioned=True, actor=actor, actor_label=actor_label)


# --- export

def export(statements) -> list[dict]:
    """Statements in Transparency Database field names, ready for its batch endpoint's ``statements`` list."""
    return [statement.to_transparency_json() for statement in statements]


def export_json(statements, *, indent: int | None = 2) -> str:
    """``{"statements": [...]}``, the shape of the Transparency Database's batch submission."""
    return json.dumps({"statements": export(statements)}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=indent)


def connect() -> None:
    from parley.apps.comments.services import status_changed

    status_changed.connect(on_status_changed, dispatch_uid="parley-statements-on-status")
