"""The public read API: articles, threads of published comments with cursor pagination, single comments."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.apps.articles.models import Article, Site
from parley.apps.comments.models import Status
from parley.apps.comments.services import set_status

from .test_api import assert_problem


def comments_url(article):
    return f"/api/v1/articles/{article.pk}/comments"


def test_article_detail(client, article, published, make_comment):
    published("Published one.")
    make_comment("Still pending.")
    make_comment("Declined.", status=Status.REJECTED)
    data = client.get(f"/api/v1/articles/{article.pk}").json()
    assert data["id"] == article.pk
    assert data["site"] == "gazette"
    assert data["external_id"] == "2026/harbour-ferry"
    assert data["url"] == article.url
    assert data["title"] == article.title
    assert data["comments_open"] is True
    assert data["closed_reason"] == ""
    assert data["comment_count"] == 1
    assert data["links"] == {
        "comments_page": f"http://testserver/articles/{article.pk}/",
        "comments_api": f"http://testserver/api/v1/articles/{article.pk}/comments",
    }


def test_closed_article_says_why(client, article):
    article.published_at = timezone.now() - timedelta(days=10)
    article.close_after_days = 7
    article.save()
    data = client.get(f"/api/v1/articles/{article.pk}").json()
    assert data["comments_open"] is False
    assert data["closed_reason"] == "Comments close automatically 7 days after publication."


def test_links_use_the_public_url(client, article, settings):
    settings.PARLEY_PUBLIC_URL = "https://comments.gazette.example"
    links = client.get(f"/api/v1/articles/{article.pk}").json()["links"]
    assert links["comments_page"] == f"https://comments.gazette.example/articles/{article.pk}/"


def test_list_and_look_up_by_external_id(client, article):
    other = Site.objects.create(slug="courier", name="The Courier")
    Article.objects.create(site=other, external_id="2026/harbour-ferry", url="https://courier.example/f", title="F")
    everything = client.get("/api/v1/articles").json()
    assert everything["count"] == 2
    found = client.get("/api/v1/articles", {"site": "gazette", "external_id": "2026/harbour-ferry"}).json()
    assert found["count"] == 1
    assert found["items"][0]["id"] == article.pk
    assert client.get("/api/v1/articles", {"site": "nobody"}).json() == {"items": [], "count": 0}


def test_thread_shows_only_published_comments(client, article, published, make_comment):
    top = published("Visible top-level comment.")
    reply = published("Visible reply.", parent=top)
    make_comment("SECRET pending text.")
    make_comment("SECRET pending reply.", parent=top)
    make_comment("SECRET declined text.", status=Status.REJECTED)
    make_comment("SECRET deleted text.", status=Status.DELETED)

    response = client.get(comments_url(article))
    assert response.status_code == 200
    assert "SECRET" not in response.content.decode()
    data = response.json()
    assert data["sort"] == "oldest" and data["next_cursor"] is None
    [item] = data["items"]
    assert item["id"] == top.pk
    assert item["removed"] is False
    assert item["author_name"] == "Mara Okafor"
    assert item["html"] == "<p>Visible top-level comment.</p>"
    assert item["reply_count"] == 1
    assert item["url"] == f"http://testserver/comments/{top.pk}/"
    assert item["more_replies"] is False
    assert [r["id"] for r in item["replies"]] == [reply.pk]
    assert item["replies"][0]["parent_id"] == top.pk


def test_withdrawn_comment_with_replies_is_a_tombstone(client, article, published):
    top = published("This will be withdrawn.")
    reply = published("The reply stays.", parent=top)
    set_status(top, Status.DELETED, actor_label="moderator", reason="test")

    response = client.get(comments_url(article))
    assert "withdrawn" not in response.content.decode()
    [item] = response.json()["items"]
    assert set(item) == {"removed", "id", "replies", "more_replies"}
    assert item["removed"] is True and item["id"] == top.pk
    assert item["replies"][0]["id"] == reply.pk
    assert item["replies"][0]["html"] == "<p>The reply stays.</p>"


def test_deep_replies_are_flagged(client, article, published, settings):
    settings.PARLEY_THREAD_DEPTH = 2
    top = published("Level zero.")
    child = published("Level one.", parent=top)
    published("Level two.", parent=child)
    [item] = client.get(comments_url(article)).json()["items"]
    assert item["more_replies"] is True
    assert item["replies"][0]["more_replies"] is True
    assert item["replies"][0]["replies"] == []


@pytest.mark.parametrize(("sort", "expected_order"), [("oldest", [0, 1, 2, 3, 4]), ("newest", [4, 3, 2, 1, 0])])
def test_cursor_pagination_visits_every_thread_once(client, article, published, settings, sort, expected_order):
    settings.PARLEY_PAGE_SIZE = 2
    comments = [published(f"Comment number {i}.") for i in range(5)]
    seen, cursor, pages = [], None, 0
    while True:
        query = {"sort": sort, **({"cursor": cursor} if cursor else {})}
        data = client.get(comments_url(article), query).json()
        assert data["sort"] == sort
        seen += [item["id"] for item in data["items"]]
        pages += 1
        cursor = data["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [comments[i].pk for i in expected_order]


def test_sort_by_replies(client, article, published):
    quiet = published("Quiet.")
    busy = published("Busy.")
    published("A reply.", parent=busy)
    items = client.get(comments_url(article), {"sort": "replies"}).json()["items"]
    assert [i["id"] for i in items] == [busy.pk, quiet.pk]


@pytest.mark.parametrize(
    "query",
    [{"sort": "best"}, {"cursor": "not-a-cursor"}, {"cursor": "é"}, {"sort": "newest", "cursor": "WyJvbGRlc3QiXQ"}],
)
def test_bad_sort_or_cursor_is_400(client, article, published, query):
    published()
    assert_problem(client.get(comments_url(article), query), 400)


def test_cursor_of_another_sort_is_400(client, article, published, settings):
    settings.PARLEY_PAGE_SIZE = 1
    published("One.")
    published("Two.")
    cursor = client.get(comments_url(article), {"sort": "oldest"}).json()["next_cursor"]
    assert cursor
    assert_problem(client.get(comments_url(article), {"sort": "newest", "cursor": cursor}), 400)


def test_single_published_comment(client, published):
    top = published("The top.")
    reply = published("The reply.", parent=top)
    data = client.get(f"/api/v1/comments/{reply.pk}").json()
    assert data["id"] == reply.pk and data["parent_id"] == top.pk and data["article_id"] == top.article_id
    assert data["html"] == "<p>The reply.</p>"
    assert [r["id"] for r in client.get(f"/api/v1/comments/{top.pk}").json()["replies"]] == [reply.pk]


@pytest.mark.parametrize("status", [None, Status.REJECTED, Status.DELETED])
def test_unpublished_comment_is_404_and_never_leaks(client, make_comment, status):
    comment = make_comment("SECRET words of an unpublished comment.", status=status)
    response = client.get(f"/api/v1/comments/{comment.pk}")
    assert_problem(response, 404)
    assert "SECRET" not in response.content.decode()
