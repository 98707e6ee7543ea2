"""``POST /api/v1/comments/{id}/reports``: a reader's report (DSA Art. 16 notice) through the API."""

import json

import pytest
from django.core import mail

from parley.apps.comments.models import Status
from parley.apps.moderation import notices
from parley.apps.moderation.models import AuditEvent, Notice
from tests.test_api import assert_problem, post_json


def url(comment_or_id) -> str:
    return f"/api/v1/comments/{getattr(comment_or_id, 'pk', comment_or_id)}/reports"


def valid(**overrides):
    return {"rule": "personal_attack", "explanation": "It calls another reader an idiot by name.",
            "good_faith": True, "name": "Pieter Claes", "email": "pieter@example.org", **overrides}


def errors(response) -> dict:
    return {e["field"]: e["message"] for e in assert_problem(response, 422)["errors"]}


def test_a_report_is_accepted_with_201_and_a_receipt(client, published, django_capture_on_commit_callbacks):
    comment = published("You are an idiot, Mara.")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, url(comment), valid())
    assert response.status_code == 201
    data = response.json()
    notice = Notice.objects.get()
    assert data["id"] == notice.pk and data["comment_id"] == comment.pk
    assert (data["status"], data["rule"], data["receipt_sent"]) == ("open", "personal_attack", True)
    assert data["received_at"] and "we will e-mail you the outcome" in data["message"]
    assert notice.notifier_email == "pieter@example.org" and notice.good_faith and notice.ip_hash
    assert AuditEvent.objects.filter(action="notice.received", comment=comment).exists()
    [receipt] = mail.outbox
    assert receipt.to == ["pieter@example.org"] and "We received your report" in receipt.subject


def test_an_anonymous_report_of_illegal_content(client, published):
    comment = published("A threat against the ferry captain.")
    response = post_json(client, url(comment), {"rule": "illegal", "good_faith": True,
                                                "explanation": "It threatens a named person, which is a crime."})
    assert response.status_code == 201
    assert response.json()["receipt_sent"] is False and not mail.outbox
    assert Notice.objects.get().rule == "illegal"


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"good_faith": False}, "good_faith", "Please confirm that your report is accurate and made in good faith."),
    ({"explanation": "bad"}, "explanation", "Please explain in a sentence or two"),
    ({"rule": "i-dont-like-it"}, "rule", "Please choose why you are reporting this comment."),
    ({"email": "not-an-address"}, "email", "Enter a valid email address."),
    ({"good_faith": "yes"}, "good_faith", "valid boolean"),
    ({"explanation": "x" * 5001}, "explanation", "at most 5000 characters"),
    ({"explanation": "Null \x00 characters are refused."}, "explanation", "Null characters are not allowed."),
    ({"website": "http://spam.example"}, "website", "left empty"),
])
def test_invalid_reports_are_422_problems(client, published, overrides, field, message):
    comment = published("You are an idiot, Mara.")
    found = errors(post_json(client, url(comment), valid(**overrides)))
    assert field in found and message in found[field]
    assert not Notice.objects.exists()


def test_missing_fields_are_listed(client, published):
    comment = published("You are an idiot, Mara.")
    found = errors(post_json(client, url(comment), {}))
    assert {"rule", "explanation", "good_faith"} <= set(found)


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.DELETED])
def test_only_published_comments_can_be_reported(client, make_comment, status):
    comment = make_comment("Not on the page.", status=status)
    assert_problem(post_json(client, url(comment), valid()), 404)
    assert not Notice.objects.exists()


def test_unknown_or_invalid_ids(client, db):
    assert_problem(post_json(client, url(987654), valid()), 404)
    assert_problem(post_json(client, url(0), valid()), 422)
    assert_problem(post_json(client, url(2**70), valid()), 422)
    assert client.post(url("abc"), json.dumps(valid()), content_type="application/json").status_code in (404, 422)


def test_malformed_body_and_wrong_method(client, published):
    comment = published("You are an idiot, Mara.")
    assert_problem(post_json(client, url(comment), "{not json"), 400)
    assert_problem(post_json(client, url(comment), "[1, 2]"), 422)
    response = client.get(url(comment))
    assert_problem(response, 405)
    assert response["Allow"] == "POST"


def test_a_second_report_from_the_same_reader_is_409(client, published):
    comment = published("You are an idiot, Mara.")
    assert post_json(client, url(comment), valid()).status_code == 201
    body = assert_problem(post_json(client, url(comment), valid(email="")), 409)  # same network
    assert "already reported" in body["detail"]
    assert Notice.objects.count() == 1


def test_reports_are_rate_limited_per_network_with_the_web_form(client, published):
    comments = [published(f"Comment number {n} about the ferry.", name=f"Reader {n}") for n in range(12)]
    for comment in comments[:notices.REPORTS_PER_HOUR - 1]:
        assert post_json(client, url(comment), valid(email="")).status_code == 201
    # The web form counts against the same limit.
    form = client.post(f"/comments/{comments[9].pk}/report/", {"rule": "spam", "good_faith": "on",
                                                                 "explanation": "Advertising for a shop."})
    assert form.status_code == 302
    response = post_json(client, url(comments[10]), valid(email=""))
    body = assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "10 reports in the last hour" in body["detail"]
    assert Notice.objects.count() == notices.REPORTS_PER_HOUR
    other = client.post(url(comments[11]), json.dumps(valid(email="")), content_type="application/json",
                        REMOTE_ADDR="198.51.100.20")
    assert other.status_code == 201


def test_the_route_is_documented_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/comments/{comment_id}/reports"]["post"]
    assert operation["operationId"] == "report_comment"
    assert operation["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ReportOut"}
    for status in ("400", "404", "409", "422", "429"):
        assert operation["responses"][status]["content"]["application/problem+json"]["schema"] == {
            "$ref": "#/components/schemas/Problem"}
    body = schema["components"]["schemas"]["ReportIn"]
    assert set(body["required"]) == {"rule", "explanation", "good_faith"}
    assert "illegal" in body["properties"]["rule"]["enum"] and "hate" in body["properties"]["rule"]["enum"]
    assert "Report a published comment" in operation["description"]
