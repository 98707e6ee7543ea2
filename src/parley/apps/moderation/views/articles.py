"""An article as the moderators see it: its comments by status, and closing or reopening its comments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from parley.apps.articles.models import Article
from parley.apps.comments.models import Status
from parley.apps.moderation import actions
from parley.apps.moderation.access import requires
from parley.apps.moderation.errors import ModerationError
from parley.apps.moderation.models import AuditEvent
from parley.apps.moderation.permissions import moderated_sites
from parley.apps.moderation.queues import QUEUE_LABELS, Queue
from parley.apps.moderation.views.common import done, forbidden, refused, safe_next


def scoped_article(request, pk: int) -> Article:
    return get_object_or_404(Article.objects.filter(site__in=moderated_sites(request.user)).select_related("site"),
                             pk=pk)


def render_article(request, article: Article, *, errors: dict | None = None, values=None, status: int = 200):
    by_status = dict(article.comments.order_by().values_list("status").annotate(n=Count("id")))
    own_url = reverse("moderation:article", args=[article.pk])
    links = [(QUEUE_LABELS[q], reverse("moderation:queue", args=[q]) + f"?article={article.pk}") for q in Queue]
    context = {
        "article": article, "closed_because": article.closed_because(),
        "by_status": [(label, by_status.get(value, 0)) for value, label in Status.choices],
        "queue_links": links,
        "events": AuditEvent.objects.filter(article=article, action__startswith="article.")
        .select_related("actor").order_by("-created_at")[:10],
        "next_url": safe_next(request, default=own_url), "back_url": safe_next(request),
        "errors": errors or {}, "values": values or {},
    }
    return render(request, "moderation/article.html", context, status=status)


@requires("moderate")
def article_view(request, pk: int):
    return render_article(request, scoped_article(request, pk))


def _toggle(request, pk: int, act, message: str):
    article = scoped_article(request, pk)
    try:
        act(article, actor=request.user, reason=request.POST.get("reason", ""))
    except ModerationError as error:
        return refused(request, error, lambda fields: render_article(
            request, scoped_article(request, pk), errors=fields, values=request.POST, status=400))
    except PermissionDenied as error:
        return forbidden(request, error)
    return done(request, message.format(title=article.title),
                default=reverse("moderation:article", args=[article.pk]))


@requires("moderate")
@require_POST
def close_comments(request, pk: int):
    return _toggle(request, pk, actions.close_comments, "Closed the comments on \u201c{title}\u201d.")


@requires("moderate")
@require_POST
def reopen_comments(request, pk: int):
    return _toggle(request, pk, actions.reopen_comments, "Reopened the comments on \u201c{title}\u201d.")
