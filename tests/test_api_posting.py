"""Posting a comment through the API (what the embed does) and the author's status endpoint."""

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from parley.apps.articles.models import Article, Terms
from parley.apps.comments.links import STATUS_SALT, status_token
from parley.apps.comments.models import Comment, Status
from parley.apps.comments.services import set_status

from .test_api import assert_problem, valid_comment


def post(client, article, **overrides):
    return client.post(
        f"/api/v1/articles/{article.pk}/comments",
        json.dumps(valid_comment(**overrides)),
        content_type="application/json",
        headers={"User-Agent": "FerryReader/1.0"},
        REMOTE_ADDR="203.0.113.9",
    )


def field_errors(response, status=422) -> dict:
    return {e["field"]: e["message"] for e in assert_problem(response, status)["errors"]}


def test_post_is_held_with_the_reason_and_a_status_link(client, article):
    response = post(client, article, email="mara@example.org", terms_version=1)
    assert response.status_code == 201
    data = response.json()
    comment = Comment.objects.get()
    assert data["id"] == comment.pk
    assert data["status"] == "pending"
    assert data["message"] == "Your comment is waiting for a moderator."
    assert data["reasons"] == ["Every comment on this site is read by a moderator before it is published."]
    assert comment.verdict["rules"] == ["pre_moderation"]
    assert comment.terms.version == 1
    assert comment.commenter.email == "mara@example.org"
    assert comment.user_agent == "FerryReader/1.0"
    assert comment.ip_hash and "203.0.113.9" not in comment.ip_hash

    status_url = urlsplit(data["status_url"])
    assert status_url.netloc == "testserver"
    page = client.get(status_url.path)
    assert page.status_code == 200
    assert "waiting for a moderator" in page.content.decode()

    status = client.get(f"/api/v1/comments/status/{data['status_token']}").json()
    assert status == {"id": comment.pk, "status": "pending", "message": data["message"], "reasons": data["reasons"]}

    set_status(comment, Status.PUBLISHED, actor_label="moderator")
    status = client.get(f"/api/v1/comments/status/{data['status_token']}").json()
    assert (status["status"], status["message"]) == ("published", "Your comment is published.")


def test_rejected_comment_status_reads_plainly(client, make_comment):
    comment = make_comment("Declined words.", status=Status.REJECTED)
    status = client.get(f"/api/v1/comments/status/{status_token(comment)}").json()
    assert status["message"] == "Your comment was not published."


def test_csrf_is_not_required(article):
    assert post(Client(enforce_csrf_checks=True), article).status_code == 201


def test_reply_to_a_published_comment(client, article, published):
    parent = published("The parent.")
    assert post(client, article, parent_id=parent.pk).status_code == 201
    assert Comment.objects.get(parent=parent).root_id == parent.pk


def test_reply_to_a_comment_that_is_not_there_is_refused(client, article, published, make_comment):
    other = Article.objects.create(site=article.site, external_id="other", url="https://gazette.example/o",
                                   title="Other")
    elsewhere = published("On another article.", on=other)
    pending = make_comment("Pending parent.")
    for parent_id in (elsewhere.pk, pending.pk, 987654):
        errors = field_errors(post(client, article, parent_id=parent_id))
        assert errors == {"parent_id": "The comment you are replying to does not exist or is not published."}
    assert Comment.objects.count() == 2


def test_terms_must_be_accepted(client, article):
    errors = field_errors(post(client, article, accept_terms=False))
    assert errors == {"accept_terms": "Please accept the comment terms before posting."}


def test_terms_changed_while_writing(client, article, site):
    Terms.objects.create(site=site, version=2, text="New terms.")
    errors = field_errors(post(client, article, terms_version=1))
    assert errors["accept_terms"].startswith("The comment terms changed")
    assert post(client, article, terms_version=2).status_code == 201
    assert Comment.objects.get().terms.version == 2


def test_honeypot(client, article):
    errors = field_errors(post(client, article, website="https://spam.example"))
    assert list(errors) == ["website"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": "  x  "}, "text", "too short"),
        ({"text": "x" * 5001}, "text", "the limit is 5000"),
        ({"author_name": "   "}, "author_name", "Please give your name."),
    ],
)
def test_site_rules_are_field_errors(client, article, overrides, field, message):
    errors = field_errors(post(client, article, **overrides))
    assert message in errors[field]


def test_site_that_requires_email(client, article, site):
    site.require_email = True
    site.save()
    assert "e-mail" in field_errors(post(client, article))["email"]


@pytest.mark.parametrize("how", ["by hand", "by age"])
def test_closed_article_is_403_with_the_reason(client, article, how):
    if how == "by hand":
        article.comments_closed = True
        article.closed_reason = "Closed while the case is in court."
        expected = "Closed while the case is in court."
    else:
        article.published_at = timezone.now() - timedelta(days=3)
        article.close_after_days = 2
        expected = "Comments close automatically 2 days after publication."
    article.save()
    body = assert_problem(post(client, article), 403)
    assert body["detail"] == expected
    assert not Comment.objects.exists()


@pytest.mark.parametrize("token", ["garbage", "eyJjIjo0fQ:1xWKAI:forged"])
def test_bad_status_token_is_400(client, db, token):
    assert_problem(client.get(f"/api/v1/comments/status/{token}"), 400)


def test_status_token_for_a_missing_comment_is_404(client, db):
    token = signing.dumps({"c": 987654}, salt=STATUS_SALT, compress=True)
    assert_problem(client.get(f"/api/v1/comments/status/{token}"), 404)
