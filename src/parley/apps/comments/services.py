"""Everything that changes a comment goes through here, so that every change is revised and audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from parley.apps.articles.models import Article, Terms
from parley.apps.comments import markdown
from parley.apps.comments.models import (
    MAX_DEPTH,
    Comment,
    Commenter,
    CommentRevision,
    EditorKind,
    Status,
)
from parley.apps.moderation.models import record
from parley.apps.moderation.posting import apply_restrictions, ban_message
from parley.apps.moderation.seam import moderate_comment
from parley.moderation import Decision

DECISION_STATUS = {
    Decision.PUBLISH: Status.PUBLISHED,
    Decision.HOLD: Status.PENDING,
    Decision.REJECT: Status.REJECTED,
}

# Sent inside set_status's transaction after every status change, with comment, previous, status, actor,
# actor_label and reason. The moderation app issues statements of reasons from it.
status_changed = Signal()


class PostingError(ValueError):
    """A comment that cannot be accepted; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class NewComment:
    author_name: str
    text: str
    email: str = ""
    parent: Comment | None = None
    ip_hash: str = ""
    user_agent: str = ""
    user: object | None = None
    accepted_terms: Terms | None = None


def _encode_path_step(pk: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while pk:
        pk, rem = divmod(pk, 36)
        out = digits[rem] + out
    return (out or "0").rjust(7, "0") + "/"


def validate_new_comment(article: Article, new: NewComment, *, now=None) -> None:
    """Raise ``PostingError`` for anything the platform itself refuses (not the moderation engine's call)."""
    site = article.site
    closed = article.closed_because(now)
    if closed:
        raise PostingError("__all__", closed)
    name = new.author_name.strip()
    if not name:
        raise PostingError("author_name", "Please give your name.")
    if len(name) > 100:
        raise PostingError("author_name", "Your name can be at most 100 characters long.")
    if site.require_email and not new.email:
        raise PostingError("email", "This site asks for an e-mail address with every comment.")
    text = new.text.strip()
    if len(text) < site.comment_min_length:
        raise PostingError(
            "text", f"Your comment is too short: write at least {site.comment_min_length} characters."
        )
    if len(text) > site.comment_max_length:
        raise PostingError(
            "text",
            f"Your comment is too long: {len(text)} characters, and the limit is {site.comment_max_length}.",
        )
    terms = site.current_terms
    if terms is not None and (new.accepted_terms is None or new.accepted_terms.pk != terms.pk):
        raise PostingError("accept_terms", "Please accept the comment terms before posting.")
    if new.parent is not None:
        if new.parent.article_id != article.pk:
            raise PostingError("parent", "You can only reply to a comment on the same article.")
        if new.parent.status != Status.PUBLISHED:
            raise PostingError("parent", "The comment you are replying to is not published.")
        if new.parent.depth + 1 >= MAX_DEPTH:
            raise PostingError("parent", "This thread is too deep to reply to; reply to an earlier comment.")


def _find_commenter(article: Article, new: NewComment) -> Commenter:
    site = article.site
    name = new.author_name.strip()
    candidates = Commenter.objects.filter(site=site)
    if new.user is not None and getattr(new.user, "is_authenticated", False):
        found = candidates.filter(user=new.user).first()
    elif new.email:
        found = candidates.filter(email__iexact=new.email).first()
    else:
        found = candidates.filter(display_name=name, email="", ip_hash=new.ip_hash).first() if new.ip_hash else None
    if found is None:
        found = Commenter.objects.create(
            site=site,
            display_name=name,
            email=new.email,
            user=new.user if getattr(new.user, "is_authenticated", False) else None,
            ip_hash=new.ip_hash,
        )
    elif found.display_name != name:
        found.display_name = name
        found.save(update_fields=["display_name"])
    return found


def post_comment(article: Article, new: NewComment) -> Comment:
    """Validate, store, moderate. Returns the comment with its status set from the engine's verdict."""
    validate_new_comment(article, new)
    text = new.text.strip()
    with transaction.atomic():
        commenter = _find_commenter(article, new)
        banned = ban_message(commenter)
        if banned:
            raise PostingError("__all__", banned)
        parent = new.parent
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            commenter=commenter,
            author_name=new.author_name.strip(),
            body_markdown=text,
            body_html=markdown.render(text),
            status=Status.PENDING,
            terms=new.accepted_terms,
            ip_hash=new.ip_hash,
            user_agent=new.user_agent[:300],
        )
        comment.path = (parent.path if parent else "") + _encode_path_step(comment.pk)
        comment.save(update_fields=["path"])
        CommentRevision.objects.create(
            comment=comment,
            number=1,
            body_markdown=comment.body_markdown,
            body_html=comment.body_html,
            editor_kind=EditorKind.AUTHOR,
            editor=comment.commenter.user,
            reason="Posted",
        )
        record("comment.created", actor_label="reader", comment=comment, to_status=Status.PENDING)

    verdict = apply_restrictions(comment.commenter, moderate_comment(comment))
    with transaction.atomic():
        comment.verdict = verdict.to_dict()
        comment.save(update_fields=["verdict"])
        record(
            "comment.moderated",
            actor_label=f"engine:{verdict.engine}",
            comment=comment,
            reason="; ".join(verdict.reasons()),
            data=verdict.to_dict(),
        )
        target = DECISION_STATUS[verdict.decision]
        if target != comment.status:
            set_status(comment, target, actor_label=f"engine:{verdict.engine}", reason="; ".join(verdict.reasons()))
    return comment


def _adjust_ancestor_counts(comment: Comment, delta: int) -> None:
    ancestors = comment.ancestor_ids()
    if ancestors and delta:
        Comment.objects.filter(pk__in=ancestors).update(reply_count=F("reply_count") + delta)


@transaction.atomic
def set_status(comment: Comment, status: str, *, actor=None, actor_label: str = "", reason: str = "") -> Comment:
    """Move a comment to ``status``, keep reply counts and sitemap dates right, and audit it."""
    status = Status(status)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    previous = Status(locked.status)
    if previous == status:
        return comment
    now = timezone.now()
    updates = {"status": status, "status_changed_at": now}
    if status == Status.PUBLISHED and locked.published_at is None:
        updates["published_at"] = now
    if status == Status.DELETED:
        updates["deleted_at"] = now
    elif previous == Status.DELETED:
        updates["deleted_at"] = None
    Comment.objects.filter(pk=comment.pk).update(**updates)
    for field, value in updates.items():
        setattr(comment, field, value)
    if Status.PUBLISHED in (previous, status):
        _adjust_ancestor_counts(comment, 1 if status == Status.PUBLISHED else -1)
        Article.objects.filter(pk=comment.article_id).update(comments_updated_at=now)
    record(
        "comment.status_changed",
        actor=actor,
        actor_label=actor_label,
        comment=comment,
        from_status=previous,
        to_status=status,
        reason=reason,
    )
    status_changed.send(sender=Comment, comment=comment, previous=previous, status=status, actor=actor,
                        actor_label=actor_label, reason=reason)
    return comment


@transaction.atomic
def edit_comment(comment: Comment, text: str, *, editor=None, kind: str = EditorKind.MODERATOR, reason: str = "") -> Comment:
    """Change a comment's text as a new revision; earlier revisions stay as they were."""
    text = text.strip()
    if not text:
        raise PostingError("text", "A comment cannot be edited to nothing; delete it instead.")
    last = comment.revisions.order_by("-number").first()
    number = (last.number if last else 0) + 1
    comment.body_markdown = text
    comment.body_html = markdown.render(text)
    comment.edited_at = timezone.now()
    if kind == EditorKind.MODERATOR:
        comment.edited_by_moderator = True
    comment.save(update_fields=["body_markdown", "body_html", "edited_at", "edited_by_moderator"])
    CommentRevision.objects.create(
        comment=comment,
        number=number,
        body_markdown=comment.body_markdown,
        body_html=comment.body_html,
        editor_kind=kind,
        editor=editor,
        reason=reason,
    )
    record("comment.edited", actor=editor, actor_label="" if editor else kind, comment=comment, reason=reason,
           data={"revision": number})
    if comment.is_published:
        Article.objects.filter(pk=comment.article_id).update(comments_updated_at=comment.edited_at)
    return comment
