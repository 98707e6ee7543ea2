"""Emergency take-down (/moderate/takedown/): an admin pastes a comment's URL or id with the reason (and the removal
order, if one came), sees what will be removed, confirms, and the comment is gone everywhere at once.

Two steps, both POSTs with CSRF: *preview* resolves the reference and shows the comment and what the take-down does;
*confirm* carries the same fields (and the comment id shown, so a changed reference is caught) to
``takedown.take_down``, which removes, preserves, issues the statement of reasons and audits. The time the admin
first submitted the form is carried, signed, so that when no order receipt time is given the recorded time to
removal still covers the confirmation step. The page lists the recent take-downs with their time to removal.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from parley.apps.comments.models import Comment, Status
from parley.apps.moderation import takedown as service
from parley.apps.moderation.access import requires
from parley.apps.moderation.errors import TakedownError
from parley.apps.moderation.grounds import rule_choices
from parley.apps.moderation.models import Takedown
from parley.apps.moderation.periods import PRESERVATION_MONTHS, add_months

RECENT = 50
STARTED_SALT = "parley.takedown-started"
STARTED_MAX_AGE = 24 * 3600


class TakedownForm(forms.Form):
    reference = forms.CharField(
        max_length=1000, label="Comment URL or id",
        help_text="The comment's permalink, the article URL ending in #c123, its API URL, or just its number.")
    reason = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label="Reason",
        help_text="Why it is taken down. This is recorded and, unless you tick the box below, sent to the author.")
    rule = forms.ChoiceField(label="Rule of the terms", initial="extremism")
    order_reference = forms.CharField(max_length=300, required=False, label="Removal order reference",
                                      help_text="If an authority sent a removal order, its reference.")
    authority = forms.CharField(max_length=300, required=False, label="Issuing authority")
    received_at = forms.DateTimeField(
        required=False, label="Order received at", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="When the order or request arrived (your local time). Leave empty: when you first submit this form.")
    withhold_notice = forms.BooleanField(
        required=False, label="Do not tell the author yet",
        help_text="Only when the authority asked that the author not be informed (TCO Regulation Art. 11(3)).")
    comment_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = rule_choices()

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why the comment is taken down (e.g. the removal order it follows).")
        return reason

    def clean_received_at(self):
        value = self.cleaned_data.get("received_at")
        if value is not None and value > timezone.now():
            raise forms.ValidationError("The time the order was received cannot be in the future.")
        return value

    def started_at(self) -> datetime | None:
        """When the admin first submitted the form (signed by the preview step), or None."""
        token = self.cleaned_data.get("started") or ""
        try:
            value = signing.loads(token, salt=STARTED_SALT, max_age=STARTED_MAX_AGE)
            return datetime.fromisoformat(value)
        except (signing.BadSignature, TypeError, ValueError):
            return None


def _recent():
    return (Takedown.objects.select_related("site", "executed_by", "comment")
            .order_by("-executed_at", "-id")[:RECENT])


def _page(request, form, *, status: int = 200, done=None):
    return render(request, "moderation/takedown.html",
                  {"active": "takedown", "form": form, "takedowns": _recent(), "done": done}, status=status)


def _confirm_page(request, form, comment: Comment, started: str):
    now = timezone.now()
    data = {**form.cleaned_data, "comment_id": comment.pk, "started": started}
    if data["received_at"] is not None:
        data["received_at"] = timezone.localtime(data["received_at"]).strftime("%Y-%m-%dT%H:%M:%S")
    confirm = TakedownForm(initial=data)
    for field in confirm.fields.values():
        field.widget = forms.HiddenInput()
    context = {
        "active": "takedown",
        "form": confirm,
        "comment": comment,
        "article": comment.article,
        "shown_replies": comment.replies.filter(status=Status.PUBLISHED).count(),
        "is_published": comment.status == Status.PUBLISHED,
        "preserve_until": add_months(now, PRESERVATION_MONTHS),
        "values": form.cleaned_data,
        "rule_label": dict(rule_choices()).get(form.cleaned_data["rule"], ""),
    }
    return render(request, "moderation/takedown_confirm.html", context)


@requires("take_down")
@require_http_methods(["GET", "HEAD", "POST"])
def takedown(request):
    if request.method != "POST":
        done = None
        if request.GET.get("done", "").isdigit():
            done = Takedown.objects.filter(pk=int(request.GET["done"])).first()
        return _page(request, TakedownForm(), done=done)
    form = TakedownForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        comment = service.resolve_reference(form.cleaned_data["reference"])
    except TakedownError as error:
        form.add_error("reference", error.message)
        return _page(request, form, status=400)
    if comment.taken_down_at is not None:
        form.add_error("reference", f"Comment {comment.pk} was already taken down at "
                                    f"{timezone.localtime(comment.taken_down_at):%d %B %Y, %H:%M:%S}.")
        return _page(request, form, status=400)

    if request.POST.get("step") != "confirm":
        started = signing.dumps(timezone.now().isoformat(), salt=STARTED_SALT)
        return _confirm_page(request, form, comment, started)

    if form.cleaned_data["comment_id"] != comment.pk:
        form.add_error("reference", "The reference now points at another comment than the one you confirmed. "
                                    "Check it and confirm again.")
        return _page(request, form, status=400)
    data = form.cleaned_data
    received_at = data["received_at"] or form.started_at() or timezone.now()
    try:
        done = service.take_down(
            data["reference"], actor=request.user, reason=data["reason"], rule=data["rule"],
            order_reference=data["order_reference"], authority=data["authority"],
            received_at=min(received_at, timezone.now()), notify_commenter=not data["withhold_notice"],
        )
    except TakedownError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(request, form, status=400)
    messages.success(request, f"Comment {comment.pk} was taken down in "
                              f"{done.time_to_removal.total_seconds():.1f} seconds from receipt. Its original is "
                              f"kept until {timezone.localtime(done.preserve_until):%d %B %Y}.")
    return redirect(reverse("moderation:takedown") + f"?done={done.pk}")
