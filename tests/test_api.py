"""The JSON API as a whole: its OpenAPI schema and docs, and RFC 9457 problems for every kind of bad input."""

import json

import pytest

from parley.apps.api.schemas import MAX_COMMENT_LENGTH
from parley.apps.comments.models import Comment

PATHS = {
    "/api/v1/publisher/articles",
    "/api/v1/publisher/articles/{external_id}",
    "/api/v1/articles",
    "/api/v1/articles/{article_id}",
    "/api/v1/articles/{article_id}/comments",
    "/api/v1/articles/{article_id}/related",
    "/api/v1/comments/{comment_id}",
    "/api/v1/comments/status/{token}",
    "/api/v1/comments/{comment_id}/reports",
}


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    return body


def post_json(client, url, data):
    body = data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json")


def valid_comment(**overrides):
    return {"author_name": "Mara Okafor", "text": "The night crossing should come back.", "accept_terms": True,
            **overrides}


def test_openapi_schema_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Parley API"
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) == PATHS
    assert set(schema["paths"]["/api/v1/articles/{article_id}/comments"]) == {"get", "post"}
    assert set(schema["paths"]["/api/v1/publisher/articles/{external_id}"]) == {"get", "put"}
    assert "Problem" in schema["components"]["schemas"]
    put = schema["paths"]["/api/v1/publisher/articles/{external_id}"]["put"]
    assert put["security"] == [{"PublisherToken": []}]
    assert put["responses"]["422"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }
    operation_ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert len(operation_ids) == len(set(operation_ids)) == 11


def test_docs_page_points_at_the_schema(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v1/openapi.json" in page
    # The docs page works offline: its assets come from this server, not from a CDN.
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page


def test_wrong_method_is_a_405_problem_with_allow(client, db):
    response = client.delete("/api/v1/articles")
    body = assert_problem(response, 405)
    assert response["Allow"] == "GET"
    assert "DELETE" in body["detail"]


def test_unknown_api_address_is_a_problem(client, db):
    assert_problem(client.get("/api/v1/nothing-here"), 404)


def test_malformed_json_is_400(client, article):
    body = assert_problem(post_json(client, f"/api/v1/articles/{article.pk}/comments", '{"author_name": '), 400)
    assert body["detail"] == "The request body is not valid JSON."
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("[1, 2]", "author_name"),
        ('"just a string"', "author_name"),
        (valid_comment(accept_terms="perhaps"), "accept_terms"),
        (valid_comment(accept_terms=1), "accept_terms"),
        (valid_comment(text=12), "text"),
        (valid_comment(author_name=None), "author_name"),
        (valid_comment(parent_id="one"), "parent_id"),
        (valid_comment(parent_id=True), "parent_id"),
        (valid_comment(parent_id=10**30), "parent_id"),
        (valid_comment(terms_version=-1), "terms_version"),
        (valid_comment(text="nul\u0000byte"), "text"),
        (valid_comment(author_name="lone \ud800 surrogate"), "author_name"),
        (valid_comment(text="x" * (MAX_COMMENT_LENGTH + 1)), "text"),
        (valid_comment(email="not-an-address"), "email"),
    ],
)
def test_bad_input_is_422_with_field_errors(client, article, body, field):
    problem = assert_problem(post_json(client, f"/api/v1/articles/{article.pk}/comments", body), 422)
    assert field in [error["field"] for error in problem["errors"]]
    assert all(error["message"] for error in problem["errors"])
    assert not Comment.objects.exists()


def test_empty_body_names_the_missing_fields(client, article):
    problem = assert_problem(post_json(client, f"/api/v1/articles/{article.pk}/comments", {}), 422)
    assert {e["field"] for e in problem["errors"]} == {"author_name", "text", "accept_terms"}
    assert problem["detail"] == "3 fields are not valid."


@pytest.mark.parametrize("article_id", ["abc", "0", "-3", str(2**63), "1" * 40])
def test_bad_ids_in_the_path_are_422_not_500(client, db, article_id):
    problem = assert_problem(client.get(f"/api/v1/articles/{article_id}"), 422)
    assert problem["errors"][0]["field"] == "article_id"


def test_missing_article_is_404(client, db):
    assert_problem(client.get("/api/v1/articles/424242"), 404)
    assert_problem(post_json(client, "/api/v1/articles/424242/comments", valid_comment()), 404)


def test_unexpected_errors_are_logged_and_answered_with_a_500_problem(client, article, monkeypatch, caplog):
    def broken(request, article):
        raise RuntimeError("boom")

    monkeypatch.setattr("parley.apps.api.routes_articles.article_data", broken)
    body = assert_problem(client.get(f"/api/v1/articles/{article.pk}"), 500)
    assert "boom" not in body["detail"]
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


def test_null_byte_in_a_query_is_refused(client, db):
    problem = assert_problem(client.get("/api/v1/articles", {"site": "gaz\x00ette"}), 422)
    assert problem["errors"] == [{"field": "site", "message": "Null characters are not allowed."}]
