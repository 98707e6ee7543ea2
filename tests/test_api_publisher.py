"""The publisher's article API: bearer tokens, creating and updating articles by external id, listing them."""

import json
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from parley.apps.articles.models import ApiToken, Article, Site

from .test_api import assert_problem

URL = "/api/v1/publisher/articles/2026/night-ferry"


@pytest.fixture
def raw_token(site):
    return ApiToken.issue(site, "CMS")[1]


@pytest.fixture
def auth(raw_token):
    return {"Authorization": f"Bearer {raw_token}"}


def put(client, url, data, headers):
    return client.put(url, json.dumps(data), content_type="application/json", headers=headers)


def article_fields(**overrides):
    return {"url": "https://gazette.example/2026/night-ferry", "title": "The night ferry is back", **overrides}


def test_put_creates_then_updates(client, site, auth):
    created = put(client, URL, article_fields(body="From Monday.", close_after_days=7), auth)
    assert created.status_code == 201
    data = created.json()
    article = Article.objects.get(site=site, external_id="2026/night-ferry")
    assert data["id"] == article.pk
    assert data["external_id"] == "2026/night-ferry"
    assert data["site"] == "gazette"
    assert data["body"] == "From Monday."
    assert data["close_after_days"] == 7
    assert data["comments_open"] is True and data["comment_count"] == 0
    assert data["links"]["comments_api"] == f"http://testserver/api/v1/articles/{article.pk}/comments"

    updated = put(client, URL, {"url": article.url, "title": "The night ferry returns", "comments_closed": True,
                                "closed_reason": "Closed during the inquiry."}, auth)
    assert updated.status_code == 200
    article.refresh_from_db()
    assert article.title == "The night ferry returns"
    assert article.body == "From Monday."  # omitted fields keep their value
    assert article.close_after_days == 7
    assert updated.json()["comments_open"] is False
    assert updated.json()["closed_reason"] == "Closed during the inquiry."
    assert Article.objects.filter(site=site).count() == 1


def test_put_accepts_explicit_dates_and_null_close_after_days(client, site, auth):
    put(client, URL, article_fields(close_after_days=3.0), auth)
    assert Article.objects.get(site=site).close_after_days == 3
    response = put(client, URL, article_fields(published_at="2026-01-05T08:30:00+01:00", close_after_days=None),
                   auth)
    assert response.status_code == 200
    article = Article.objects.get(site=site)
    assert article.close_after_days is None
    assert article.published_at == datetime(2026, 1, 5, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer pk_not-a-token"}, {"Authorization": "Basic dXNlcjpwYXNz"},
     {"Authorization": "Bearer "}],
)
def test_put_without_a_valid_token_is_401(client, site, headers):
    response = put(client, URL, article_fields(), headers)
    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Bearer" in body["detail"]
    assert not Article.objects.exists()


def test_revoked_token_is_401(client, site, raw_token, auth):
    ApiToken.objects.update(revoked_at=timezone.now())
    assert_problem(put(client, URL, article_fields(), auth), 401)
    assert_problem(client.get("/api/v1/publisher/articles", headers=auth), 401)


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        (URL, article_fields(url="not a url"), "url"),
        (URL, article_fields(title=""), "title"),
        (URL, {"url": "https://gazette.example/x"}, "title"),
        (URL, article_fields(published_at="2026-01-05T08:30:00"), "published_at"),
        (URL, article_fields(published_at="9999-12-31T23:59:59Z"), "published_at"),
        (URL, article_fields(close_after_days=-1), "close_after_days"),
        (URL, article_fields(close_after_days=10**12), "close_after_days"),
        (URL, article_fields(close_after_days=False), "close_after_days"),
        (URL, article_fields(close_after_days="7"), "close_after_days"),
        (URL, article_fields(close_after_days=7.5), "close_after_days"),
        (URL, article_fields(url=""), "url"),
        (URL, article_fields(comments_closed=None), "comments_closed"),
        (URL, article_fields(comments_closed="yes"), "comments_closed"),
        ("/api/v1/publisher/articles/-starts-with-a-dash", article_fields(), "external_id"),
        ("/api/v1/publisher/articles/" + "a" * 201, article_fields(), "external_id"),
        ("/api/v1/publisher/articles/with%20space", article_fields(), "external_id"),
    ],
)
def test_put_field_errors_are_422(client, site, auth, url, data, field):
    body = assert_problem(put(client, url, data, auth), 422)
    assert [error["field"] for error in body["errors"]] == [field]
    assert not Article.objects.exists()


def test_model_validation_errors_carry_the_models_message(client, site, auth):
    body = assert_problem(put(client, URL, article_fields(url="ftp:/broken"), auth), 422)
    assert body["errors"] == [{"field": "url", "message": "Enter a valid URL."}]


def test_each_token_sees_only_its_own_site(client, site, auth):
    other = Site.objects.create(slug="courier", name="The Courier")
    other_auth = {"Authorization": f"Bearer {ApiToken.issue(other, 'CMS')[1]}"}
    assert put(client, URL, article_fields(), auth).status_code == 201
    assert put(client, URL, article_fields(title="Courier's own"), other_auth).status_code == 201
    assert Article.objects.get(site=site).title == "The night ferry is back"

    listing = client.get("/api/v1/publisher/articles", headers=other_auth).json()
    assert listing["count"] == 1
    assert [a["title"] for a in listing["items"]] == ["Courier's own"]
    assert client.get(URL, headers=auth).json()["title"] == "The night ferry is back"
    assert_problem(client.get("/api/v1/publisher/articles/2026/other", headers=auth), 404)


def test_list_is_paginated_newest_first(client, site, auth, article):
    put(client, URL, article_fields(), auth)
    first = client.get("/api/v1/publisher/articles", {"limit": 1}, headers=auth).json()
    second = client.get("/api/v1/publisher/articles", {"limit": 1, "offset": 1}, headers=auth).json()
    assert first["count"] == second["count"] == 2
    assert [first["items"][0]["external_id"], second["items"][0]["external_id"]] == [
        "2026/night-ferry",
        "2026/harbour-ferry",
    ]
    assert_problem(client.get("/api/v1/publisher/articles", {"limit": 1000}, headers=auth), 422)


def test_token_use_is_recorded(client, site, auth):
    client.get("/api/v1/publisher/articles", headers=auth)
    assert ApiToken.objects.get().last_used_at is not None
