"""Reader reports on published comments (DSA Art. 16 notices), the same as the report form on the comment pages."""

from datetime import datetime
from typing import Annotated

from django.core.validators import validate_email
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus
from pydantic import StrictBool

from parley.apps.api.fields import Id, Text, django_validator
from parley.apps.api.problems import PROBLEM_MEDIA_TYPE, PROBLEM_REF, documented, invalid
from parley.apps.comments.identity import client_ip, hash_ip
from parley.apps.comments.models import Comment, Status
from parley.apps.moderation import notices
from parley.apps.moderation.errors import NoticeError
from parley.apps.moderation.grounds import RULE_GROUNDS
from parley.apps.moderation.models import ILLEGAL, Notice
from parley.errors import problem

router = Router(tags=["reports"])

REASONS = [*RULE_GROUNDS, ILLEGAL]


class ReportIn(Schema):
    rule: Text = Field(
        max_length=40,
        description="The rule of the site's comment terms the comment breaks, or \"illegal\" (then say which law "
                    "in the explanation).",
        json_schema_extra={"enum": REASONS},
    )
    explanation: Text = Field(
        max_length=notices.EXPLANATION_MAX,
        description=f"Why the comment should be removed ({notices.EXPLANATION_MIN} to {notices.EXPLANATION_MAX} "
                    "characters).",
    )
    good_faith: StrictBool = Field(
        description="The reader confirms that they believe in good faith that the report is accurate and complete. "
                    "Must be true."
    )
    name: Text = Field("", max_length=100, description="The reader's name (optional).")
    email: Annotated[Text, django_validator(validate_email)] = Field(
        "", max_length=254, description="Where the receipt and the outcome are sent (optional, never shown).",
    )
    website: Text = Field("", max_length=200, description="Leave empty.", json_schema_extra={"maxLength": 0})


class ReportOut(Schema):
    id: int = Field(description="The report's reference.")
    comment_id: int
    rule: str
    status: str = Field(description="\"open\" until a moderator decides.", json_schema_extra={"enum": ["open"]})
    received_at: datetime
    receipt_sent: bool = Field(description="A receipt was e-mailed to the address given.")
    message: str


def _error_responses() -> dict:
    extra = documented(400, 404, 422)
    for status, description in ((409, "The same reader already reported this comment"),
                                (429, "Too many reports from this network in the last hour")):
        extra["responses"][status] = {"description": description,
                                      "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}}}
    return extra


def _too_many(wait: int):
    response = problem(
        429,
        f"You have sent {notices.REPORTS_PER_HOUR} reports in the last hour, which is as many as we accept from "
        f"one network. Try again in {wait} seconds.",
    )
    response["Retry-After"] = str(wait)
    return response


@router.post(
    "/comments/{comment_id}/reports",
    response={201: ReportOut},
    url_name="comment_reports",
    openapi_extra=_error_responses(),
)
def report_comment(request, comment_id: Id, payload: ReportIn):
    """Report a published comment that breaks the comment terms or the law. A moderator decides on every report;
    the reader gets a receipt and the outcome by e-mail when they give an address. Limited to
    10 reports an hour from one network."""
    wait = notices.over_rate_limit(hash_ip(client_ip(request)))
    if wait:
        return _too_many(wait)
    comment = Comment.objects.select_related("article__site").filter(pk=comment_id, status=Status.PUBLISHED).first()
    if comment is None:
        return problem(404, "There is no published comment with this id.")
    if payload.website:
        return invalid([{"field": "website", "message": "This field must be left empty."}])
    try:
        notice = notices.submit_notice(
            comment, rule=payload.rule, explanation=payload.explanation, good_faith=payload.good_faith,
            name=payload.name, email=payload.email, ip_hash=hash_ip(client_ip(request)),
        )
    except NoticeError as error:
        if error.field == "__all__":
            if Comment.objects.filter(pk=comment.pk, status=Status.PUBLISHED).exists():
                return problem(409, error.message, title="Already reported")
            return problem(404, error.message)
        return invalid([{"field": error.field, "message": error.message}])
    notice = Notice.objects.get(pk=notice.pk)
    return HttpStatus(201, {
        "id": notice.pk,
        "comment_id": comment.pk,
        "rule": notice.rule,
        "status": notice.status,
        "received_at": notice.received_at,
        "receipt_sent": notice.receipt_sent_at is not None,
        "message": "We received your report. A moderator will read the comment and decide"
                   + ("; we will e-mail you the outcome." if notice.notifier_email else "."),
    })
