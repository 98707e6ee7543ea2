"""One comment in full: the evidence, the parent, every report, the revisions and their diff, the commenter's
history and restrictions, the article; with every action's form (re-rendered with its errors on a 400)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from parley.apps.comments.models import Comment
from parley.apps.moderation import actions, grounds, queues, restrictions
from parley.apps.moderation.access import requires
from parley.apps.moderation.models import StatementOfReasons
from parley.apps.moderation.notices import reason_label
from parley.apps.moderation.permissions import can_restrict_commenters
from parley.apps.moderation.restrictions import duration_choices
from parley.apps.moderation.views.common import safe_next
from parley.apps.moderation.views.present import decorate

HISTORY_SIZE = 20


def scoped_comment(request, pk: int) -> Comment:
    """The comment, if it is on a site the user moderates (404 otherwise: other sites' comments are not shown)."""
    return get_object_or_404(queues.base_queryset(request.user).select_related("parent"), pk=pk)


def past_comments(commenter, *, exclude=None, limit: int = HISTORY_SIZE) -> list[Comment]:
    """The commenter's latest comments, each with ``decision``: the statement of reasons on it, if any."""
    qs = Comment.objects.filter(commenter=commenter).select_related("article").order_by("-created_at", "-id")
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    comments = list(qs[:limit])
    decisions: dict[int, StatementOfReasons] = {}
    for statement in (StatementOfReasons.objects.filter(comment__in=comments).order_by("created_at", "id")
                      .only("comment_id", "action", "rule", "created_at", "revoked_at", "decided_by_label")):
        decisions[statement.comment_id] = statement
    for comment in comments:
        comment.decision = decisions.get(comment.pk)
        if comment.decision is not None:
            comment.decision.rule_label = grounds.rule_label(comment.decision.rule, commenter.site) \
                if comment.decision.rule else ""
    return comments


def commenter_context(request, commenter) -> dict:
    return {
        "commenter": commenter,
        "restriction_history": list(restrictions.history(commenter)),
        "can_restrict": can_restrict_commenters(request.user, commenter.site),
        "durations": duration_choices(),
        "commenter_rule_choices": grounds.rule_choices(commenter.site),
        "now": timezone.now(),
    }


def _diff(revisions, params) -> tuple[dict | None, str]:
    """The diff between the revisions named in ``params`` (``from`` and ``to`` numbers; by default the first and
    the latest), and an error message for numbers that name no revision."""
    if len(revisions) < 2:
        return None, ""
    by_number = {str(r.number): r for r in revisions}
    older, newer = revisions[0], revisions[-1]
    error = ""
    wanted_from, wanted_to = params.get("from", ""), params.get("to", "")
    if wanted_from or wanted_to:
        if (wanted_from and wanted_from not in by_number) or (wanted_to and wanted_to not in by_number):
            error = "There is no such revision of this comment; showing the first and the latest."
        else:
            older = by_number.get(wanted_from, older)
            newer = by_number.get(wanted_to, newer)
    return {"older": older, "newer": newer, "parts": actions.diff_revisions(older, newer)}, error


def render_item(request, comment: Comment, *, form: str = "", errors: dict | None = None, values=None,
                status: int = 200):
    """The comment's page; ``form`` names the form to show ``errors`` (and the posted ``values``) in."""
    decorate([comment])
    comment.next_id = None
    if form:
        comment.form_errors = {form: errors or {}}
        comment.form_values = {form: values or {}}
        comment.open_form = form
    revisions = list(comment.revisions.select_related("editor").order_by("number"))
    diff, diff_error = _diff(revisions, request.GET)
    notices = list(comment.notices.select_related("handled_by").order_by("-received_at", "-id"))
    for notice in notices:
        notice.reason_label = reason_label(notice.rule, comment.article.site)
    own_url = reverse("moderation:comment", args=[comment.pk])
    context = {
        "item": comment, "queue": "", "revisions": revisions, "diff": diff, "diff_error": diff_error,
        "notices": notices, "past": past_comments(comment.commenter, exclude=comment),
        "article": comment.article, "closed_because": comment.article.closed_because(),
        "next_url": safe_next(request, default=own_url), "back_url": safe_next(request),
        "restrict_errors": {}, "restrict_values": {}, "article_errors": {},
        **commenter_context(request, comment.commenter),
    }
    if form == "restrict":
        context.update(restrict_errors=errors or {}, restrict_values=values or {})
    if form == "article":
        context.update(article_errors=errors or {})
    return render(request, "moderation/item.html", context, status=400 if diff_error and status == 200 else status)


@requires("moderate")
def comment_view(request, pk: int):
    return render_item(request, scoped_comment(request, pk))
