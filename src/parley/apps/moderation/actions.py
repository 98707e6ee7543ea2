"""A moderator's actions on comments and articles. Each checks the actor's permission, goes through
``comments.services`` (so it is revised and audited) and, for declines and deletes, issues the statement of reasons.

Every function takes the acting ``User`` as ``actor`` and raises ``PermissionDenied`` when they may not act on the
comment's site, or ``ModerationError`` (with ``field`` and ``message``) for a request that cannot be carried out.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.db import transaction

from parley.apps.articles.models import Article
from parley.apps.comments.models import Comment, CommentRevision, EditorKind, Status
from parley.apps.comments.services import PostingError, edit_comment, set_status
from parley.apps.moderation import purge, statements
from parley.apps.moderation.errors import ModerationError
from parley.apps.moderation.grounds import is_terms_rule
from parley.apps.moderation.models import StatementAction, StatementOfReasons, record
from parley.apps.moderation.notices import close_notices
from parley.apps.moderation.permissions import moderated_sites, require_moderate

MESSAGE_MAX = 2000


def _locked(comment: Comment) -> Comment:
    """The comment as it is now, locked for the rest of the transaction."""
    locked = Comment.objects.select_for_update(of=("self",)).select_related("article__site", "commenter")
    return locked.get(pk=comment.pk)


def _refuse_taken_down(comment: Comment) -> None:
    if comment.taken_down_at is not None:
        raise ModerationError("__all__", "This comment was taken down by an administrator; it can only come back "
                                         "through an appeal.")


def _check_rule(rule: str) -> str:
    rule = (rule or "").strip()
    if not is_terms_rule(rule):
        raise ModerationError("rule", "Choose the rule of the terms the comment breaks.")
    return rule


def _check_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ModerationError("message", f"Keep the message to the commenter under {MESSAGE_MAX} characters.")
    return message


@transaction.atomic
def approve(comment: Comment, *, actor, reason: str = "") -> Comment:
    """Publish ``comment`` (from Pending, Declined or Deleted), or keep a published one that readers reported.

    Open reports on it are closed as "kept" and their notifiers told. Approving a declined or deleted comment
    reverses that decision: its statement of reasons is revoked.
    """
    comment = _locked(comment)
    require_moderate(actor, comment.article.site)
    _refuse_taken_down(comment)
    reason = reason.strip() or "Approved by a moderator"
    if comment.status != Status.PUBLISHED:
        set_status(comment, Status.PUBLISHED, actor=actor, reason=reason)
    close_notices(comment, actioned=False, actor=actor)
    return comment


def _remove(comment: Comment, status: str, action: str, *, actor, rule: str, message: str,
            reason: str) -> StatementOfReasons:
    """Set ``comment`` (locked) to ``status`` and issue the statement of reasons for ``action``; open reports on it
    are closed as "acted on", the first of them named in the statement."""
    notices = comment.notices.open()
    first_notice, count = notices.order_by("received_at").first(), notices.count()
    with statements.issuing():
        set_status(comment, status, actor=actor, reason=reason)
    statement = statements.issue(comment, action=action, rule=rule, actor=actor, message=message,
                                 notice=first_notice, notices=count)
    close_notices(comment, actioned=True, actor=actor, rule=rule)
    return statement


@transaction.atomic
def decline(comment: Comment, *, actor, rule: str, message: str = "") -> StatementOfReasons:
    """Decline ``comment`` under ``rule`` (a rule of the terms), with an optional message to the commenter.

    Works on a pending comment or a published one (which then leaves the page). Issues and sends the statement
    of reasons, and closes open reports as "acted on".
    """
    rule, message = _check_rule(rule), _check_message(message)
    comment = _locked(comment)
    require_moderate(actor, comment.article.site)
    _refuse_taken_down(comment)
    if comment.status == Status.REJECTED:
        raise ModerationError("__all__", "This comment is already declined.")
    if comment.status == Status.DELETED:
        raise ModerationError("__all__", "This comment is deleted; there is nothing to decline.")
    return _remove(comment, Status.REJECTED, StatementAction.DECLINE, actor=actor, rule=rule, message=message,
                   reason=f"Declined: {rule}")


@transaction.atomic
def delete(comment: Comment, *, actor, rule: str, message: str = "") -> StatementOfReasons:
    """Delete ``comment`` (soft: it is kept for the retention period) under ``rule``, with the statement of
    reasons."""
    rule, message = _check_rule(rule), _check_message(message)
    comment = _locked(comment)
    require_moderate(actor, comment.article.site)
    if comment.status == Status.DELETED:
        raise ModerationError("__all__", "This comment is already deleted.")
    return _remove(comment, Status.DELETED, StatementAction.DELETE, actor=actor, rule=rule, message=message,
                   reason=f"Deleted: {rule}")


@transaction.atomic
def edit(comment: Comment, text: str, *, actor, reason: str = "") -> CommentRevision:
    """Change a comment's text as a moderator: a new revision; the public page says "edited by the moderators"."""
    comment = _locked(comment)
    require_moderate(actor, comment.article.site)
    _refuse_taken_down(comment)
    if comment.status == Status.DELETED:
        raise ModerationError("__all__", "A deleted comment cannot be edited.")
    try:
        edit_comment(comment, text, editor=actor, kind=EditorKind.MODERATOR, reason=reason.strip()[:500])
    except PostingError as error:
        raise ModerationError(error.field, error.message) from None
    if comment.is_published:
        purge.invalidate(comment)
    return comment.revisions.order_by("-number").first()


# --- bulk actions

@dataclass
class BulkResult:
    """What a bulk action did: the comments it changed, and those it skipped with the reason."""

    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        text = f"{len(self.done)} done"
        return text + (f", {len(self.skipped)} skipped" if self.skipped else "")


def _bulk(ids, actor, act) -> BulkResult:
    result = BulkResult()
    allowed = moderated_sites(actor)
    comments = {c.pk: c for c in Comment.objects.filter(pk__in=list(ids), article__site__in=allowed)}
    for pk in dict.fromkeys(int(i) for i in ids):
        comment = comments.get(pk)
        if comment is None:
            result.skipped[pk] = "No such comment on a site you moderate."
            continue
        try:
            act(comment)
        except ModerationError as error:
            result.skipped[pk] = error.message
        else:
            result.done.append(pk)
    return result


def bulk_approve(ids, *, actor, reason: str = "") -> BulkResult:
    """Approve many comments; each is its own transaction, so one refusal does not stop the rest."""
    return _bulk(ids, actor, lambda c: approve(c, actor=actor, reason=reason))


def bulk_decline(ids, *, actor, rule: str, message: str = "") -> BulkResult:
    """Decline many comments under one rule; each gets its own statement of reasons."""
    _check_rule(rule)
    return _bulk(ids, actor, lambda c: decline(c, actor=actor, rule=rule, message=message))


# --- articles

@transaction.atomic
def close_comments(article: Article, *, actor, reason: str = "") -> Article:
    """Close an article's comments by hand; the reason is shown to readers."""
    require_moderate(actor, article.site)
    reason = reason.strip()[:300]
    Article.objects.filter(pk=article.pk).update(comments_closed=True, closed_reason=reason)
    article.comments_closed, article.closed_reason = True, reason
    record("article.comments_closed", actor=actor, article=article, reason=reason)
    return article


@transaction.atomic
def reopen_comments(article: Article, *, actor, reason: str = "") -> Article:
    """Reopen comments closed by hand. Comments closed by the automatic time limit stay closed: change the
    article's ``close_after_days`` for that."""
    require_moderate(actor, article.site)
    article.comments_closed = False
    still = article.closed_because()
    if still:
        article.refresh_from_db()
        raise ModerationError("__all__", f"{still} Change the article's closing time to reopen it.")
    Article.objects.filter(pk=article.pk).update(comments_closed=False, closed_reason="")
    article.closed_reason = ""
    record("article.comments_reopened", actor=actor, article=article, reason=reason.strip())
    return article


# --- revisions

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class DiffPart:
    op: str  # "equal", "insert" or "delete"
    text: str


def diff_revisions(older: CommentRevision, newer: CommentRevision) -> list[DiffPart]:
    """A word-level diff of two revisions' text, for showing what a moderator changed. Neighbouring changes are
    joined (with the spaces between them), so a rewritten phrase reads as one deletion and one insertion."""
    a, b = _TOKEN.findall(older.body_markdown), _TOKEN.findall(newer.body_markdown)
    segments = [["equal" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2])]
                for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()]
    for index in range(1, len(segments) - 1):
        segment = segments[index]
        if (segment[0] == "equal" and not segment[1].strip()
                and segments[index - 1][0] == segments[index + 1][0] == "change"):
            segment[0] = "change"
    merged: list[list[str]] = []
    for segment in segments:
        if merged and merged[-1][0] == segment[0] == "change":
            merged[-1][1] += segment[1]
            merged[-1][2] += segment[2]
        else:
            merged.append(segment)
    parts: list[DiffPart] = []
    for kind, old, new in merged:
        if kind == "equal":
            parts.append(DiffPart("equal", old))
            continue
        if old:
            parts.append(DiffPart("delete", old))
        if new:
            parts.append(DiffPart("insert", new))
    return parts


def unified_diff(older: CommentRevision, newer: CommentRevision) -> str:
    """The same change as a unified diff of lines (for e-mail and plain-text views)."""
    return "".join(difflib.unified_diff(
        older.body_markdown.splitlines(keepends=True), newer.body_markdown.splitlines(keepends=True),
        fromfile=f"revision {older.number}", tofile=f"revision {newer.number}",
    ))

