"""Emergency take-down (TCO Regulation (EU) 2021/784): an admin pastes a URL or a comment id and the comment is
gone at once from every page, the API, feeds, the sitemap and caches; the original is preserved for six months.

``take_down`` sets the comment to *deleted* with ``taken_down_at`` (no published queryset includes it any more),
stores a snapshot of everything about it in ``Takedown.original`` with ``preserve_until``, issues the statement of
reasons, purges caches (``purge.invalidate``) and audits the action with the time the order was received and the
time it was carried out (TCO Art. 3(3): within one hour).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from parley.apps.comments.links import comment_id_from_token
from parley.apps.comments.models import Comment, Status
from parley.apps.comments.services import set_status
from parley.apps.moderation import purge, statements, tdb
from parley.apps.moderation.errors import TakedownError
from parley.apps.moderation.models import StatementAction, Takedown, record
from parley.apps.moderation.periods import PRESERVATION_MONTHS, add_months
from parley.apps.moderation.permissions import require_take_down

TCO_GROUND = "Regulation (EU) 2021/784 on addressing the dissemination of terrorist content online, Article 3"

_PATTERNS = [
    re.compile(r"#c(?P<id>\d+)$"),                                # an article page with the comment's anchor
    re.compile(r"/api/v\d+/comments/(?P<id>\d+)/?$"),            # the API
    re.compile(r"/comments/(?P<id>\d+)/?$"),                     # the comment's permalink
    re.compile(r"/status/(?P<token>[^/]+)/?$"),                  # the commenter's status link
]


def resolve_reference(reference: str) -> Comment:
    """The comment a pasted reference points at: an id ("123", "#123", "c123"), a permalink, an article URL with
    "#c123", an API URL or a status link. Raises ``TakedownError`` with a clear message otherwise."""
    text = (reference or "").strip()
    if not text:
        raise TakedownError("reference", "Paste the comment's URL or its id.")
    bare = re.fullmatch(r"#?c?(\d+)", text, flags=re.IGNORECASE)
    comment_id = int(bare.group(1)) if bare else None
    if comment_id is None:
        parts = urlsplit(text)
        target = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
        for pattern in _PATTERNS:
            match = pattern.search(target)
            if not match:
                continue
            if "token" in pattern.groupindex:
                comment_id = comment_id_from_token(match.group("token"))
            else:
                comment_id = int(match.group("id"))
            if comment_id is not None:
                break
    if comment_id is None:
        raise TakedownError("reference", "This is not a comment's URL or id. Paste the comment's permalink, the "
                                         "article URL ending in #c<id>, or the comment's number.")
    comment = Comment.objects.select_related("article__site", "commenter").filter(pk=comment_id).first()
    if comment is None:
        raise TakedownError("reference", f"There is no comment {comment_id}.")
    return comment


def snapshot(comment: Comment) -> dict:
    """Everything about ``comment`` that TCO Art. 6 asks to preserve: content, revisions, author data, status."""
    commenter = comment.commenter
    return {
        "comment_id": comment.pk,
        "article": {"id": comment.article_id, "url": comment.article.url, "title": comment.article.title},
        "parent_id": comment.parent_id,
        "status": comment.status,
        "author_name": comment.author_name,
        "commenter": {"id": commenter.pk, "display_name": commenter.display_name, "email": commenter.email,
                      "user_id": commenter.user_id, "ip_hash": commenter.ip_hash},
        "body_markdown": comment.body_markdown,
        "body_html": comment.body_html,
        "ip_hash": comment.ip_hash,
        "user_agent": comment.user_agent,
        "created_at": comment.created_at.isoformat(),
        "published_at": comment.published_at.isoformat() if comment.published_at else None,
        "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
        "verdict": comment.verdict,
        "revisions": [
            {"number": r.number, "body_markdown": r.body_markdown, "editor_kind": r.editor_kind,
             "editor_id": r.editor_id, "reason": r.reason, "created_at": r.created_at.isoformat()}
            for r in comment.revisions.order_by("number")
        ],
    }


@transaction.atomic
def take_down(reference: str, *, actor, reason: str, rule: str = "extremism", order_reference: str = "",
              authority: str = "", received_at=None, notify_commenter: bool = True, now=None) -> Takedown:
    """Remove the comment ``reference`` points at, everywhere, at once.

    ``order_reference``/``authority`` record a removal order (the statement's ground is then illegal content under
    the TCO Regulation); ``received_at`` is when the order or request arrived (default: now), so the audit shows
    the time to removal. ``notify_commenter=False`` when the authority asked that the author not be told yet
    (TCO Art. 11(3)).
    """
    require_take_down(actor)
    now = now or timezone.now()
    received_at = received_at or now
    reason = reason.strip()
    if not reason:
        raise TakedownError("reason", "Say why the comment is taken down (e.g. the removal order it follows).")
    if received_at > now:
        raise TakedownError("received_at", "The time the order was received cannot be in the future.")
    comment = resolve_reference(reference)
    locked = Comment.objects.select_for_update(of=("self",)).select_related("article__site", "commenter")
    comment = locked.get(pk=comment.pk)
    if comment.taken_down_at is not None:
        raise TakedownError("reference", f"Comment {comment.pk} was already taken down at "
                                         f"{timezone.localtime(comment.taken_down_at):%d %B %Y, %H:%M:%S}.")
    original = snapshot(comment)
    was_published = comment.status == Status.PUBLISHED

    with statements.issuing():
        if comment.status != Status.DELETED:
            set_status(comment, Status.DELETED, actor=actor, reason=f"Emergency take-down: {reason}")
    Comment.objects.filter(pk=comment.pk).update(taken_down_at=now)
    comment.taken_down_at = now

    order = " ".join(filter(None, [authority, order_reference]))
    statement = statements.issue(
        comment, action=StatementAction.TAKEDOWN, rule=rule, actor=actor, message=reason, now=now,
        illegal_ground=f"{TCO_GROUND} (removal order {order})" if order_reference else "",
        illegal_explanation=reason,
        source_type=tdb.SOURCE_OTHER_NOTIFICATION if order_reference else "",
        notify=notify_commenter,
    )
    takedown = Takedown.objects.create(
        comment=comment, site=comment.article.site, reference=reference.strip()[:1000],
        order_reference=order_reference.strip()[:300], authority=authority.strip()[:300], reason=reason,
        received_at=received_at, executed_at=now, executed_by=actor,
        preserve_until=add_months(now, PRESERVATION_MONTHS), original=original, statement=statement,
    )
    record("comment.taken_down", actor=actor, comment=comment, from_status=original["status"],
           to_status=Status.DELETED, reason=reason,
           data={"takedown": takedown.pk, "reference": takedown.reference, "order_reference": order_reference,
                 "received_at": received_at.isoformat(), "executed_at": now.isoformat(),
                 "seconds_to_removal": round(takedown.time_to_removal.total_seconds(), 3),
                 "preserve_until": takedown.preserve_until.isoformat(), "was_published": was_published})
    from parley.apps.moderation.notices import close_notices

    close_notices(comment, actioned=True, actor=actor, rule=rule)
    if not was_published:  # leaving the page already purged it (statements.on_status_changed); purge stale copies
        purge.invalidate(comment)
    return takedown


def is_preserved(comment: Comment, now=None) -> bool:
    """Must ``comment`` be kept (a take-down's six months have not passed)? Retention purges must check this."""
    return Takedown.objects.preserving(now).filter(comment=comment).exists()
