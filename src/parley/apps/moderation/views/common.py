"""What every workspace view shares: JSON or HTML answers, the way back to the queue, errors as messages."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from parley.apps.moderation.errors import ModerationError
from parley.errors import problem

WORKSPACE_PREFIX = "/moderate/"


def wants_json(request) -> bool:
    """The workspace script asks for JSON (``Accept: application/json`` or ``X-Requested-With: fetch``)."""
    return (request.headers.get("X-Requested-With", "").lower() == "fetch"
            or "application/json" in request.headers.get("Accept", ""))


def safe_next(request, default: str | None = None) -> str:
    """The workspace page to go back to (``next`` in the form or the query), if it is one of ours."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                      require_https=request.is_secure())):
        parts = urlsplit(candidate)
        if not parts.scheme and not parts.netloc and parts.path.startswith(WORKSPACE_PREFIX):
            return urlunsplit(("", "", parts.path, parts.query, ""))
    return default or reverse("moderation:queue", args=["pending"])


def back(request, message: str, *, default: str | None = None, level=messages.SUCCESS):
    """Post/redirect/get: back to the page the form was on, at the item to look at next."""
    url = safe_next(request, default)
    focus = request.POST.get("focus", "")
    if focus.isdigit():
        url += f"#c{focus}"
    messages.add_message(request, level, message)
    return redirect(url)


def error_fields(error: ModerationError) -> dict[str, str]:
    return {error.field or "__all__": error.message}


def template_errors(fields: dict[str, str] | None) -> dict[str, str]:
    """Errors keyed for templates, which cannot read "__all__": the form's own error is under "form"."""
    return {("form" if name == "__all__" else name): text for name, text in (fields or {}).items()}


def problem_response(status: int, detail: str, fields: dict[str, str] | None = None):
    errors = [{"field": name, "message": text} for name, text in (fields or {}).items()]
    return problem(status, detail, errors=errors or None)


def done(request, message: str, *, default: str | None = None, data: dict | None = None,
         level=messages.SUCCESS):
    """A successful action: JSON for the workspace script, else a redirect back with the message."""
    if wants_json(request):
        return JsonResponse({"ok": True, "message": message, **(data or {})})
    return back(request, message, default=default, level=level)


def refused(request, error: ModerationError, render_form):
    """A refused action: problem JSON, or the page with the form and its errors (``render_form(fields)``)."""
    fields = error_fields(error)
    if wants_json(request):
        return problem_response(400, error.message, fields)
    return render_form(template_errors(fields))


def forbidden(request, error: Exception):
    """A permission failure inside a service: problem JSON for the script; HTML goes to the 403 page."""
    if wants_json(request):
        return problem_response(403, str(error) or "You are not allowed to do that.")
    raise error
