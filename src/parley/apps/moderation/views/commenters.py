"""A commenter's history (comments and decisions, restrictions) and restricting them: pre-moderate or ban for a
duration, or lift a restriction early."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from parley.apps.comments.models import Comment, Commenter, Status
from parley.apps.moderation import grounds, restrictions
from parley.apps.moderation.access import requires
from parley.apps.moderation.errors import ModerationError
from parley.apps.moderation.models import CommenterRestriction, RestrictionKind, StatementOfReasons
from parley.apps.moderation.permissions import moderated_sites
from parley.apps.moderation.views.common import done, forbidden, refused, safe_next
from parley.apps.moderation.views.items import commenter_context, render_item, scoped_comment

PAGE_SIZE = 50


def scoped_commenter(request, pk: int) -> Commenter:
    return get_object_or_404(
        Commenter.objects.filter(site__in=moderated_sites(request.user)).select_related("site", "user"), pk=pk)


def render_commenter(request, commenter: Commenter, *, form: str = "", errors: dict | None = None, values=None,
                     status: int = 200):
    comments = Comment.objects.filter(commenter=commenter).select_related("article").order_by("-created_at", "-id")
    page = Paginator(comments, PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    decisions = {}
    for statement in StatementOfReasons.objects.filter(comment__in=items).order_by("created_at", "id"):
        statement.rule_label = grounds.rule_label(statement.rule, commenter.site) if statement.rule else ""
        decisions[statement.comment_id] = statement
    for comment in items:
        comment.decision = decisions.get(comment.pk)
    by_status = dict(comments.order_by().values_list("status").annotate(n=Count("id")))
    own_url = reverse("moderation:commenter", args=[commenter.pk])
    context = {
        **commenter_context(request, commenter),
        "page": page, "items": items,
        "by_status": [(label, by_status.get(value, 0)) for value, label in Status.choices],
        "active": CommenterRestriction.objects.active().filter(commenter=commenter).first(),
        "next_url": safe_next(request, default=own_url), "back_url": safe_next(request),
        "restrict_errors": errors if form == "restrict" else {},
        "restrict_values": values if form == "restrict" else {},
        "lift_pk": int(form.removeprefix("lift-")) if form.startswith("lift-") else None,
        "lift_errors": errors if form.startswith("lift-") else {},
    }
    return render(request, "moderation/commenter.html", context, status=status)


@requires("moderate")
def commenter_view(request, pk: int):
    return render_commenter(request, scoped_commenter(request, pk))


def _restrict(request, commenter: Commenter, comment):
    kind = request.POST.get("kind", "")
    if kind not in (RestrictionKind.PREMODERATE, RestrictionKind.BAN):
        raise ModerationError("kind", "Choose whether to pre-moderate or ban the commenter.")
    duration = restrictions.parse_duration(request.POST.get("duration", ""))
    reason, rule = request.POST.get("reason", ""), request.POST.get("rule", "").strip()
    if kind == RestrictionKind.PREMODERATE:
        return restrictions.premoderate(commenter, actor=request.user, duration=duration, reason=reason, rule=rule)
    return restrictions.ban(commenter, actor=request.user, duration=duration, reason=reason, rule=rule,
                            message=request.POST.get("message", ""), comment=comment)


@requires("moderate")
@require_POST
def restrict(request, pk: int):
    commenter = scoped_commenter(request, pk)
    comment = None
    comment_id = request.POST.get("comment", "")
    if comment_id.isdigit():
        comment = Comment.objects.filter(pk=int(comment_id), commenter=commenter).first()
    try:
        restriction = _restrict(request, commenter, comment)
    except ModerationError as error:
        def again(fields):
            if comment is not None:
                return render_item(request, scoped_comment(request, comment.pk), form="restrict", errors=fields,
                                   values=request.POST, status=400)
            return render_commenter(request, commenter, form="restrict", errors=fields, values=request.POST,
                                    status=400)
        return refused(request, error, again)
    except PermissionDenied as error:
        return forbidden(request, error)
    until = (f"until {timezone.localtime(restriction.until):%d %B %Y, %H:%M}" if restriction.until
             else "until lifted")
    what = "Banned" if restriction.is_ban else "Pre-moderating"
    text = f"{what} {commenter.display_name} {until}."
    if restriction.is_ban:
        text += " A statement of reasons was issued."
    return done(request, text, default=reverse("moderation:commenter", args=[commenter.pk]),
                data={"restriction": restriction.pk})


@requires("moderate")
@require_POST
def lift(request, pk: int):
    restriction = get_object_or_404(
        CommenterRestriction.objects.filter(site__in=moderated_sites(request.user)).select_related("commenter"),
        pk=pk)
    commenter = restriction.commenter
    try:
        restrictions.lift(restriction, actor=request.user, reason=request.POST.get("reason", ""))
    except ModerationError as error:
        return refused(request, error, lambda fields: render_commenter(
            request, scoped_commenter(request, commenter.pk), form=f"lift-{restriction.pk}", errors=fields,
            values=request.POST, status=400))
    except PermissionDenied as error:
        return forbidden(request, error)
    return done(request, f"Lifted the restriction on {commenter.display_name}.",
                default=reverse("moderation:commenter", args=[commenter.pk]))
