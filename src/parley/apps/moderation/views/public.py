"""Public due-process pages, for readers and commenters (no staff login):

* ``report`` — any reader reports a published comment (DSA Art. 16 notice); ``report_received`` confirms receipt
  and later shows the outcome (reached through a signed link);
* ``appeal`` — the commenter appeals against the decision on their comment (from its private status page, or
  the link in the statement e-mail); ``appeal_received`` confirms it;
* ``status_context`` — the statement of reasons and the appeal for the commenter's status page;
* ``moderation_sections`` — how moderation works, for the terms page (DSA Art. 14).

Every page is kept out of search engines; every form has CSRF protection; reports are rate-limited per network.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from parley.apps.comments.identity import client_ip, hash_ip
from parley.apps.comments.links import STATUS_SALT, absolute_url, comment_id_from_token
from parley.apps.comments.models import Comment, Status
from parley.apps.moderation import appeals, disclosure, notices, statements, tdb
from parley.apps.moderation.errors import AppealError, NoticeError
from parley.apps.moderation.forms_public import AppealForm, ReportForm
from parley.apps.moderation.grounds import ground_for
from parley.apps.moderation.models import Appeal, Notice, StatementOfReasons
from parley.apps.moderation.periods import APPEAL_WINDOW_MONTHS

NOTICE_SALT = "parley.notice-receipt"
NOTICE_LINK_MAX_AGE = 400 * 24 * 3600


# --- helpers

def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _page(request, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    return _noindex(render(request, template, context, status=status))


def _error(request, status: int, title: str, message: str, *, site=None) -> HttpResponse:
    return _page(request, "error.html", {"status": status, "title": title, "message": message, "site": site},
                 status=status)


def notice_token(notice: Notice) -> str:
    """The signed link to a report's receipt page (only the reader who sent it has it)."""
    return signing.dumps({"n": notice.pk}, salt=NOTICE_SALT, compress=True)


def _notice_id(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=NOTICE_SALT, max_age=NOTICE_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    value = data.get("n") if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def decided_comment_id(token: str) -> int | None:
    """The comment of a status link that is older than the usual status-link lifetime but still needed: the
    commenter has six months to appeal a decision, from the link in the statement e-mail. Accepted only for a
    comment that a decision (a statement of reasons) was issued on; None otherwise."""
    max_age = settings.PARLEY_STATUS_LINK_MAX_AGE + timedelta(days=31 * (APPEAL_WINDOW_MONTHS + 1)).total_seconds()
    try:
        data = signing.loads(token, salt=STATUS_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    value = data.get("c") if isinstance(data, dict) else None
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value if StatementOfReasons.objects.filter(comment_id=value).exists() else None


def status_comment_id(token: str) -> int | None:
    """The comment a status link points at: a fresh link, or an older one for a decided comment."""
    return comment_id_from_token(token) or decided_comment_id(token)


def _status_comment(token: str) -> Comment | None:
    comment_id = status_comment_id(token)
    if comment_id is None:
        return None
    return Comment.objects.select_related("article__site", "commenter").filter(pk=comment_id).first()


# --- the commenter's status page and the terms page

def status_context(comment: Comment, token: str) -> dict:
    """What the status page shows beyond the comment's status: the statement of reasons in force (what was
    decided and its scope, the facts, automated means, the ground, how to appeal) and the appeal against it."""
    site = comment.article.site
    statement = statements.current_statement(comment)
    context = {"statement": statement, "taken_down": comment.taken_down_at is not None, "status_token": token}
    if statement is None:
        # Published again (e.g. reversed on appeal): show the last appeal's answer, if there was one.
        context["appeal"] = Appeal.objects.filter(comment=comment).order_by("-filed_at", "-id").first()
        return context
    refused = appeals.refusal(statement)
    context.update(
        appeal=statement.appeals.order_by("-filed_at", "-id").first(),
        ground=ground_for(statement.rule, site),
        illegal=statement.decision_ground == tdb.ILLEGAL_CONTENT,
        can_appeal=refused is None,
        appeal_refusal=refused.message if refused else "",
        appeal_url=reverse("due_process:appeal", args=[token]),
        terms_url=statement.decision_ground_reference_url or site.get_terms_url(),
        decided_by_person=statement.automated_decision != tdb.AUTOMATED_FULLY,
    )
    return context


def moderation_sections(site) -> list[dict]:
    """``disclosure.how_moderation_works`` for a template: each section's paragraphs, list items kept together."""
    sections = []
    for heading, paragraphs in disclosure.how_moderation_works(site):
        blocks: list[dict] = []
        for paragraph in paragraphs:
            if paragraph.startswith("- "):
                if not blocks or "items" not in blocks[-1]:
                    blocks.append({"items": []})
                blocks[-1]["items"].append(paragraph[2:])
            else:
                blocks.append({"text": paragraph})
        sections.append({"heading": heading, "blocks": blocks})
    return sections


# --- reader reports (DSA Art. 16)

def _published_comment(pk: int) -> Comment:
    comment = Comment.objects.select_related("article__site").filter(pk=pk, status=Status.PUBLISHED).first()
    if comment is None:
        raise Http404("There is no published comment with this number.")
    return comment


@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    """The report form for one published comment."""
    comment = _published_comment(pk)
    article, site = comment.article, comment.article.site
    context = {"comment": comment, "article": article, "site": site,
               "comment_url": absolute_url(request, comment.get_absolute_url())}
    status = 200
    if request.method == "POST":
        ip_hash = hash_ip(client_ip(request))
        wait = notices.over_rate_limit(ip_hash)
        if wait:
            minutes = max(1, round(wait / 60))
            context["limited"] = (
                f"You have sent {notices.REPORTS_PER_HOUR} reports in the last hour, which is as many as we accept "
                f"from one network. Please try again in about {minutes} minute{'s' if minutes != 1 else ''}. "
                f"If the matter is urgent, write to {site.appeal_contact or 'the editors'}."
            )
            response = _page(request, "moderation/public_report.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        form = ReportForm(request.POST, site=site)
        if form.is_valid():
            data = form.cleaned_data
            try:
                notice = notices.submit_notice(
                    comment, rule=data["rule"], explanation=data["explanation"], good_faith=data["good_faith"],
                    name=data["name"], email=data["email"], ip_hash=ip_hash,
                )
            except NoticeError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                return redirect(reverse("due_process:report_received", args=[notice_token(notice)]))
        status = 400
    else:
        form = ReportForm(site=site)
    context["form"] = form
    return _page(request, "moderation/public_report.html", context, status=status)


@require_GET
def report_received(request, token: str):
    """The receipt for a report, and later its outcome."""
    notice_id = _notice_id(token)
    if notice_id is None:
        return _error(request, 400, "Bad request", "This link to your report is not valid or has expired.")
    notice = get_object_or_404(Notice.objects.select_related("comment__article__site"), pk=notice_id)
    comment = notice.comment
    return _page(request, "moderation/public_report_received.html", {
        "notice": notice, "comment": comment, "article": comment.article, "site": notice.site,
        "reason": notices.reason_label(notice.rule, notice.site),
    })


# --- appeals

@require_http_methods(["GET", "POST"])
def appeal(request, token: str):
    """The commenter's appeal against the decision in force on their comment."""
    comment = _status_comment(token)
    if comment is None:
        return _error(request, 400, "Bad request", "This link is not valid or has expired.")
    site = comment.article.site
    statement = statements.current_statement(comment)
    if statement is None:
        return _error(request, 404, "Nothing to appeal",
                      "There is no decision on this comment to appeal: it has not been declined or removed.",
                      site=site)
    status = 200
    form = None
    refused = appeals.refusal(statement)
    if request.method == "POST":
        form = AppealForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                appeals.file_appeal(statement, explanation=data["explanation"], email=data["email"],
                                    name=data["name"])
            except AppealError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                return redirect(reverse("due_process:appeal_received", args=[token]))
        status = 400
        refused = appeals.refusal(statement)
    elif refused is None:
        form = AppealForm()
    return _page(request, "moderation/public_appeal.html", {
        "comment": comment, "article": comment.article, "site": site, "statement": statement, "form": form,
        "refused": refused.message if refused else "", "taken_down": comment.taken_down_at is not None,
        "status_url": reverse("comments:status", args=[token]), "status_token": token,
    }, status=status)


@require_GET
def appeal_received(request, token: str):
    """Confirms the appeal just filed, and what happens next."""
    comment = _status_comment(token)
    if comment is None:
        return _error(request, 400, "Bad request", "This link is not valid or has expired.")
    filed = Appeal.objects.select_related("statement").filter(comment=comment).order_by("-filed_at", "-id").first()
    if filed is None:
        return redirect(reverse("due_process:appeal", args=[token]))
    return _page(request, "moderation/public_appeal_received.html", {
        "appeal": filed, "statement": filed.statement, "comment": comment, "article": comment.article,
        "site": comment.article.site, "status_url": reverse("comments:status", args=[token]),
    })
