"""A moderator's decisions on comments: approve, decline, edit, delete, bulk approve/decline, dismiss a report.

POST only (CSRF-checked by the middleware). Each answers JSON when the workspace script asks for it, else redirects
back to the queue at the next item (post/redirect/get) with a message. A refused request answers 400 with the
form and its message (problem JSON for the script); a site the user does not moderate answers 404.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_POST

from parley.apps.moderation import actions, grounds, notices, queues
from parley.apps.moderation.access import requires
from parley.apps.moderation.errors import ModerationError
from parley.apps.moderation.models import Notice
from parley.apps.moderation.permissions import moderated_sites
from parley.apps.moderation.queues import Queue
from parley.apps.moderation.views.common import (
    done,
    error_fields,
    forbidden,
    problem_response,
    refused,
    safe_next,
    template_errors,
    wants_json,
)
from parley.apps.moderation.views.items import render_item, scoped_comment
from parley.apps.moderation.views.present import decorate
from parley.apps.moderation.views.queue import filters_from_url, render_queue

BULK_MAX = 200


def _queue_result(request, pk: int) -> dict:
    """What the script needs after an action on comment ``pk``: its status, whether it left the queue the form
    was on, the queue counts, and the item re-rendered when it stays."""
    comment = scoped_comment(request, pk)
    data = {"id": pk, "status": comment.status, "status_label": comment.get_status_display()}
    queue = request.POST.get("queue", "")
    left = False
    if queue in set(Queue):
        left = not queues.queue(queue, user=request.user).filter(pk=pk).exists()
    data["left_queue"] = left
    filters = filters_from_url(safe_next(request), request.user)
    if filters is not None:
        data["counts"] = queues.counts(user=request.user, filters=filters)
    if not left:
        decorate([comment])
        focus = request.POST.get("focus", "")
        comment.next_id = int(focus) if focus.isdigit() else None
        data["item_html"] = render_to_string("moderation/_item.html", {
            "item": comment, "queue": queue, "next_url": safe_next(request),
        }, request=request)
    return data


def _act(request, pk: int, form: str, act, message):
    """Run ``act(comment)`` on the scoped comment; answer for success, refusal or a permission failure."""
    comment = scoped_comment(request, pk)
    try:
        result = act(comment)
    except ModerationError as error:
        return refused(request, error, lambda fields: render_item(
            request, scoped_comment(request, pk), form=form, errors=fields, values=request.POST, status=400))
    except PermissionDenied as error:
        return forbidden(request, error)
    text = message(comment, result)
    if wants_json(request):
        return done(request, text, data=_queue_result(request, pk))
    return done(request, text)


def _author(comment) -> str:
    return f"the comment by {comment.author_name} (#{comment.pk})"


@requires("moderate")
@require_POST
def approve(request, pk: int):
    return _act(request, pk, "approve",
                lambda c: actions.approve(c, actor=request.user, reason=request.POST.get("reason", "")),
                lambda c, _: f"Approved {_author(c)}.")


def _rule_label(comment, rule: str) -> str:
    return grounds.rule_label(rule, comment.article.site)


def _remove(request, pk: int, form: str, act, verb: str, outcome: str):
    """Decline or delete (``act``) under the posted rule, with the posted message to the commenter."""
    rule = request.POST.get("rule", "")
    return _act(request, pk, form,
                lambda c: act(c, actor=request.user, rule=rule, message=request.POST.get("message", "")),
                lambda c, _: f"{verb} {_author(c)}: \u201c{_rule_label(c, rule)}\u201d. {outcome}")


@requires("moderate")
@require_POST
def decline(request, pk: int):
    return _remove(request, pk, "decline", actions.decline, "Declined", "A statement of reasons was issued.")


@requires("moderate")
@require_POST
def delete(request, pk: int):
    return _remove(request, pk, "delete", actions.delete, "Deleted",
                   "It is kept for the retention period; a statement of reasons was issued.")


def _edit(comment, text: str, reason: str, actor):
    text = text.strip()
    if text == comment.body_markdown.strip():
        raise ModerationError("text", "The text is unchanged; change it or cancel the edit.")
    limit = comment.article.site.comment_max_length
    if len(text) > limit:
        raise ModerationError("text", f"Keep the text under {limit} characters, the site's limit for comments.")
    return actions.edit(comment, text, actor=actor, reason=reason or "Edited by a moderator")


@requires("moderate")
@require_POST
def edit(request, pk: int):
    return _act(request, pk, "edit",
                lambda c: _edit(c, request.POST.get("text", ""), request.POST.get("reason", "").strip(),
                                request.user),
                lambda c, revision: f"Saved revision {revision.number} of {_author(c)}. The public page says it was "
                                    "edited by the moderators.")


# --- bulk

def _bulk_ids(request) -> tuple[list[int], dict[str, str]]:
    raw = request.POST.getlist("ids")
    ids = [int(value) for value in raw if value.isdigit()]
    if len(ids) != len(raw):
        return [], {"ids": "Some of the selected comments are not valid; reload the queue and try again."}
    if not ids:
        return [], {"ids": "Select the comments first (x on a comment, or the boxes)."}
    if len(ids) > BULK_MAX:
        return [], {"ids": f"Select at most {BULK_MAX} comments at a time."}
    return ids, {}


def _render_origin_queue(request, fields: dict[str, str]):
    """The queue page the bulk form was on, with the form's errors (400)."""
    parts = urlsplit(safe_next(request))
    name, params = Queue.PENDING, QueryDict(parts.query)
    try:
        match = resolve(parts.path)
        if match.url_name == "queue" and match.kwargs.get("queue") in set(Queue):
            name = Queue(match.kwargs["queue"])
    except Resolver404:
        pass
    return render_queue(request, name, params, status=400, bulk_errors=fields, bulk_values=request.POST)


@requires("moderate")
@require_POST
def bulk(request):
    action = request.POST.get("action", "")
    ids, fields = _bulk_ids(request)
    result = None
    if not fields and action not in ("approve", "decline"):
        fields = {"action": "Choose whether to approve or decline the selected comments."}
    if not fields:
        try:
            if action == "approve":
                result = actions.bulk_approve(ids, actor=request.user)
            else:
                result = actions.bulk_decline(ids, actor=request.user, rule=request.POST.get("rule", ""),
                                              message=request.POST.get("message", ""))
        except ModerationError as error:
            fields = error_fields(error)
    if fields:
        if wants_json(request):
            return problem_response(400, next(iter(fields.values())), fields)
        return _render_origin_queue(request, template_errors(fields))

    verb = "Approved" if action == "approve" else "Declined"
    text = f"{verb} the selected comments: {result.summary}."
    if result.skipped:
        text += " " + " ".join(f"#{pk}: {why}" for pk, why in list(result.skipped.items())[:5])
    level = messages.WARNING if result.skipped else messages.SUCCESS
    data = {"done": result.done, "skipped": {str(k): v for k, v in result.skipped.items()}}
    filters = filters_from_url(safe_next(request), request.user)
    if filters is not None:
        data["counts"] = queues.counts(user=request.user, filters=filters)
    return done(request, text, data=data, level=level)


# --- reader reports

@requires("moderate")
@require_POST
def dismiss_notice(request, pk: int):
    notice = get_object_or_404(Notice.objects.filter(site__in=moderated_sites(request.user)), pk=pk)
    try:
        notices.dismiss_notice(notice, actor=request.user, message=request.POST.get("message", ""))
    except ModerationError as error:
        return refused(request, error, lambda fields: render_item(
            request, scoped_comment(request, notice.comment_id), form="dismiss", errors=fields,
            values=request.POST, status=400))
    except PermissionDenied as error:
        return forbidden(request, error)
    text = "Dismissed the report; the reader is told the comment stays."
    if wants_json(request):
        return done(request, text, data=_queue_result(request, notice.comment_id))
    return done(request, text)
