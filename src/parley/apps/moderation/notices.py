"""Reader reports (DSA Art. 16 notices): submit, confirm receipt, queue, decide, tell the notifier.

A reader reports a published comment with a reason (a rule of the terms, or "illegal"), an explanation, an
optional name and e-mail and a good-faith confirmation. The notifier gets a receipt when they gave an e-mail. When a
comment has ``site.reports_to_pending`` open reports it leaves the page and waits in Pending. The notices are
closed by the moderator's decision on the comment (``actions.approve`` keeps it, ``decline``/``delete`` act on
it) or one by one with ``dismiss_notice``; each notifier with an e-mail is told the outcome.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from parley.apps.comments.models import Comment, Status
from parley.apps.moderation import emails
from parley.apps.moderation.errors import NoticeError
from parley.apps.moderation.grounds import is_terms_rule, rule_choices, rule_label
from parley.apps.moderation.models import ILLEGAL, Notice, NoticeStatus, record
from parley.apps.moderation.permissions import require_moderate

EXPLANATION_MIN = 10
EXPLANATION_MAX = 5000
ILLEGAL_LABEL = "Illegal content (say which law it breaks)"
REPORTS_PER_HOUR = 10  # per network address, web form and API together
RATE_WINDOW = 3600


def notice_reasons(site=None) -> list[tuple[str, str]]:
    """The reasons a reader can choose, for the report form: the site's rules, then "illegal"."""
    return [*rule_choices(site), (ILLEGAL, ILLEGAL_LABEL)]


def reason_label(rule: str, site=None) -> str:
    return ILLEGAL_LABEL if rule == ILLEGAL else rule_label(rule, site)


def over_rate_limit(ip_hash: str, *, now: float | None = None) -> int:
    """Count one report attempt from the network ``ip_hash``. Returns 0 while it is within ``REPORTS_PER_HOUR``
    in the current hour, else the seconds until the next hour starts (for a 429 answer's Retry-After)."""
    if not ip_hash:
        return 0
    now = time.time() if now is None else now
    window = int(now // RATE_WINDOW)
    key = f"parley:notice-rate:{ip_hash}:{window}"
    cache.add(key, 0, RATE_WINDOW + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, RATE_WINDOW + 60)
        count = 1
    if count <= REPORTS_PER_HOUR:
        return 0
    return max(1, int((window + 1) * RATE_WINDOW - now))


def open_reporters(comment: Comment) -> int:
    """How many open reports ``comment`` has."""
    return comment.notices.open().count()


@transaction.atomic
def submit_notice(comment: Comment, *, rule: str, explanation: str, good_faith: bool, name: str = "",
                  email: str = "", ip_hash: str = "", now=None) -> Notice:
    """Accept a reader's report on a published comment; raise ``NoticeError`` (with the field at fault) if it
    cannot be accepted. Sends the receipt, and moves the comment to Pending at the site's threshold."""
    now = now or timezone.now()
    site = comment.article.site
    if comment.status != Status.PUBLISHED:
        raise NoticeError("__all__", "This comment is not published, so there is nothing to report.")
    if rule != ILLEGAL and not is_terms_rule(rule):
        raise NoticeError("rule", "Please choose why you are reporting this comment.")
    explanation = explanation.strip()
    if len(explanation) < EXPLANATION_MIN:
        raise NoticeError("explanation", "Please explain in a sentence or two why the comment should be removed.")
    if len(explanation) > EXPLANATION_MAX:
        raise NoticeError("explanation", f"Please keep the explanation under {EXPLANATION_MAX} characters.")
    if not good_faith:
        raise NoticeError("good_faith", "Please confirm that your report is accurate and made in good faith.")
    name, email = name.strip()[:100], email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise NoticeError("email", "Please give a valid e-mail address, or leave it empty.") from None
    same_reader = Q(pk__in=[])
    if email:
        same_reader |= Q(notifier_email__iexact=email)
    if ip_hash:
        same_reader |= Q(ip_hash=ip_hash)
    Comment.objects.select_for_update().filter(pk=comment.pk).first()  # count reports one at a time
    if comment.notices.open().filter(same_reader).exists():
        raise NoticeError("__all__", "You have already reported this comment. We will tell you what we decide.")

    notice = Notice.objects.create(
        comment=comment, site=site, rule=rule, explanation=explanation, notifier_name=name,
        notifier_email=email, good_faith=True, ip_hash=ip_hash, received_at=now,
    )
    record("notice.received", actor_label="reader", comment=comment, reason=rule,
           data={"notice": notice.pk, "rule": rule, "has_email": bool(email)})
    if emails.send("notice_receipt", to=email, subject=f"We received your report about a comment on {site.name}",
                   context={"notice": notice, "comment": comment, "site": site,
                            "reason": reason_label(rule, site)}):
        Notice.objects.filter(pk=notice.pk).update(receipt_sent_at=now)

    count = open_reporters(comment)
    if count >= site.reports_to_pending:
        from parley.apps.comments.services import set_status

        set_status(comment, Status.PENDING, actor_label="reports",
                   reason=f"{count} reader reports: held until a moderator decides")
    return notice


def _outcome_text(*, actioned: bool, rule: str, site, message: str = "") -> str:
    if actioned:
        label = rule_label(rule, site) if rule else ""
        text = ("We have removed the comment you reported"
                + (f": it breaks the rule \u201c{label}\u201d of our comment terms." if label else "."))
    else:
        text = ("We have reviewed the comment you reported and kept it: we found that it does not break our "
                "comment terms or the law.")
    return f"{text} {message.strip()}".strip()


def close_notices(comment: Comment, *, actioned: bool, actor=None, actor_label: str = "", rule: str = "",
                  message: str = "", now=None) -> int:
    """Close every open report on ``comment`` with the moderator's decision and tell each notifier."""
    now = now or timezone.now()
    site = comment.article.site
    outcome = _outcome_text(actioned=actioned, rule=rule, site=site, message=message)
    closed = 0
    for notice in comment.notices.open().select_for_update():
        _close(notice, actioned=actioned, outcome=outcome, actor=actor, actor_label=actor_label, now=now)
        closed += 1
    return closed


def _close(notice: Notice, *, actioned: bool, outcome: str, actor, actor_label: str, now) -> Notice:
    notice.status = NoticeStatus.ACTIONED if actioned else NoticeStatus.NO_ACTION
    notice.outcome = outcome
    notice.handled_at = now
    notice.handled_by = actor if getattr(actor, "is_authenticated", False) else None
    notice.save(update_fields=["status", "outcome", "handled_at", "handled_by"])
    record("notice.resolved", actor=notice.handled_by, actor_label=actor_label, comment=notice.comment,
           reason=outcome, data={"notice": notice.pk, "status": notice.status})
    site = notice.site
    if emails.send("notice_outcome", to=notice.notifier_email, reply_to=site.appeal_contact,
                   subject=f"The outcome of your report about a comment on {site.name}",
                   context={"notice": notice, "comment": notice.comment, "site": site,
                            "reason": reason_label(notice.rule, site), "actioned": actioned}):
        notice.outcome_sent_at = now
        notice.save(update_fields=["outcome_sent_at"])
    return notice


@transaction.atomic
def dismiss_notice(notice: Notice, *, actor, message: str = "", now=None) -> Notice:
    """Close one report without acting on the comment (e.g. a report that is plainly unfounded)."""
    require_moderate(actor, notice.site)
    if notice.status != NoticeStatus.OPEN:
        raise NoticeError("__all__", "This report has already been handled.")
    outcome = _outcome_text(actioned=False, rule="", site=notice.site, message=message)
    return _close(notice, actioned=False, outcome=outcome, actor=actor, actor_label="", now=now or timezone.now())
