"""GET /api/v1/articles/{id}/related: pins, then similar published articles of the site, with scores."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from parley.apps.articles import related as service
from parley.apps.articles.models import ApiToken, Article, ArticleEmbedding, RelatedPin

from .test_api import assert_problem
from .test_related_articles import newsroom, topic  # noqa: F401 - shared fixtures

URL = "/api/v1/articles/{}/related"


@pytest.fixture(autouse=True)
def _fresh_indexes():
    service.forget_indexes()
    yield
    service.forget_indexes()


def test_related_lists_similar_published_articles_with_scores(newsroom, client):
    article = newsroom[16]
    response = client.get(URL.format(article.pk), {"k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["article_id"] == article.pk and len(body["items"]) == 3
    first = body["items"][0]
    assert set(first) == {"id", "external_id", "url", "title", "published_at", "reason", "score", "similarity",
                          "links"}
    assert first["reason"] == "similar" and first["score"] >= first["similarity"] > 0
    assert first["links"]["comments_page"] == f"http://testserver/articles/{first['id']}/"
    ids = [item["id"] for item in body["items"]]
    assert article.pk not in ids
    assert all(topic(Article.objects.get(pk=i)) == "renting" for i in ids)
    assert [i["score"] for i in body["items"]] == sorted((i["score"] for i in body["items"]), reverse=True)
    assert len(client.get(URL.format(article.pk)).json()["items"]) == 5  # k defaults to 5


def test_pins_come_first(newsroom, client):
    RelatedPin.objects.create(article=newsroom[16], pinned=newsroom[22], position=1)
    items = client.get(URL.format(newsroom[16].pk), {"k": 2}).json()["items"]
    assert [(i["id"], i["reason"]) for i in items][0] == (newsroom[22].pk, "pinned")
    assert items[1]["reason"] == "similar"


def test_unknown_and_unpublished_articles_are_problems(site, client):
    assert "no published article" in assert_problem(client.get(URL.format(999_999)), 404)["detail"]
    scheduled = Article.objects.create(site=site, external_id="soon", url="https://gazette.example/soon",
                                       title="Soon", published_at=timezone.now() + timedelta(hours=1))
    assert_problem(client.get(URL.format(scheduled.pk)), 404)
    assert_problem(client.get(URL.format(0)), 422)
    assert_problem(client.get(URL.format(scheduled.pk), {"k": 0}), 422)
    assert_problem(client.get(URL.format(scheduled.pk), {"k": 51}), 422)


def test_an_article_without_vector_gets_an_empty_list(article, client):
    assert client.get(URL.format(article.pk)).json() == {"article_id": article.pk, "items": []}


def test_the_operation_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/articles/{article_id}/related"]["get"]
    assert operation["operationId"] == "article_related"
    assert {"200", "404", "422"} <= set(operation["responses"])
    assert [p["name"] for p in operation["parameters"]] == ["article_id", "k"]


def test_the_publisher_api_embeds_new_articles(site, encoder, client, django_capture_on_commit_callbacks):  # noqa: F811
    raw = ApiToken.issue(site, "CMS")[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.put(
            "/api/v1/publisher/articles/2026/night-ferry",
            json.dumps({"url": "https://gazette.example/2026/night-ferry", "title": "The night ferry is back",
                        "body": "Late sailings to the island return for the summer."}),
            content_type="application/json", headers={"Authorization": f"Bearer {raw}"},
        )
    assert response.status_code in (200, 201)
    article = Article.objects.get(site=site, external_id="2026/night-ferry")
    assert ArticleEmbedding.objects.filter(article=article, fingerprint=service.current_fingerprint()).exists()
