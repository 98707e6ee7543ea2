"""The embed: the server-rendered fragment for publishers' pages, the script, its stylesheet and the demo page."""

import json
import re
from html.parser import HTMLParser

import pytest

from parley.apps.comments.models import Status
from parley.apps.comments.services import set_status


class Markup(HTMLParser):
    """The attributes of every tag, and the JSON-LD blocks, of a piece of HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.jsonld: list[dict] = []
        self._in_jsonld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))

    def first(self, tag, **attrs) -> dict | None:
        for name, found in self.tags:
            wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
            if name == tag and all(k in found and found[k] == v for k, v in wanted.items()):
                return found
        return None

    def urls(self) -> list[str]:
        return [value for _, attrs in self.tags for key, value in attrs.items()
                if key in {"href", "action", "src"} or key in {"data-parley-api", "data-parley-page"}]


def fragment(client, article, **params):
    return client.get("/embed/fragment/", {"site": article.site.slug, "article": article.external_id, **params})


@pytest.fixture
def thread(article, published, make_comment):
    """Published comments with a reply, plus comments that must never reach the fragment."""
    first = published("The ferry timetable finally suits commuters.")
    reply = published("Agreed, the early boat matters most.", parent=first, name="Jonas Berg")
    make_comment("PENDING-TEXT waiting in the queue.", status=Status.PENDING)
    make_comment("REJECTED-TEXT that the moderators declined.", status=Status.REJECTED)
    gone = published("DELETED-TEXT that was removed later.")
    set_status(gone, Status.DELETED, actor_label="test", reason="removed")
    return first, reply


def test_fragment_is_a_section_with_the_thread_and_structured_data(client, article, thread):
    first, reply = thread
    response = fragment(client, article)
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    markup = Markup(html)
    assert not {tag for tag, _ in markup.tags} & {"html", "head", "body"}
    section = markup.first("section", **{"class": "parley"})
    assert section == {
        "class": "parley",
        "data-parley-article": article.external_id,
        "data-parley-site": "gazette",
        "data-parley-article-id": str(article.pk),
        "data-parley-api": f"http://testserver/api/v1/articles/{article.pk}/comments",
        "data-parley-fragment": "http://testserver/embed/fragment/?site=gazette&article=2026%2Fharbour-ferry",
    }
    assert "The ferry timetable finally suits commuters." in html
    assert "Agreed, the early boat matters most." in html
    assert markup.first("a", data_parley_reply=str(first.pk))["href"] == (
        f"http://testserver/articles/{article.pk}/post/?reply_to={first.pk}"
    )
    assert "2 comments" in html

    [data] = markup.jsonld
    assert data["@type"] == "Article"
    assert data["url"] == article.url
    assert data["commentCount"] == 2
    [top] = data["comment"]
    assert top["@type"] == "Comment"
    assert top["author"] == {"@type": "Person", "name": "Mara Okafor"}
    assert top["text"] == "The ferry timetable finally suits commuters."
    assert top["dateCreated"] == first.created_at.isoformat()
    assert top["url"] == f"http://testserver/comments/{first.pk}/"
    [nested] = top["comment"]
    assert nested["@type"] == "Comment"
    assert nested["author"]["name"] == "Jonas Berg"
    assert nested["text"] == "Agreed, the early boat matters most."
    assert nested["dateCreated"] == reply.created_at.isoformat()


def test_fragment_never_shows_unpublished_comments(client, article, thread):
    html = fragment(client, article).content.decode()

    for text in ("PENDING-TEXT", "REJECTED-TEXT", "DELETED-TEXT"):
        assert text not in html


def test_withdrawn_comment_with_replies_is_a_tombstone_and_its_reply_moves_up_in_json_ld(client, article, thread):
    first, reply = thread
    set_status(first, Status.DELETED, actor_label="test", reason="removed")

    html = fragment(client, article).content.decode()

    assert "The ferry timetable finally suits commuters." not in html
    assert "This comment is not available." in html
    [data] = Markup(html).jsonld
    assert [c["text"] for c in data["comment"]] == ["Agreed, the early boat matters most."]


def test_every_link_and_form_action_is_absolute(client, article, thread):
    markup = Markup(fragment(client, article).content.decode())

    urls = markup.urls()
    assert len(urls) > 5
    assert all(url.startswith(("http://testserver/", "https://")) for url in urls), urls
    assert markup.first("a", rel="nofollow", href=f"http://testserver/articles/{article.pk}/post/")
    assert markup.first("form")["action"] == f"http://testserver/articles/{article.pk}/post/"


def test_urls_use_the_public_url_when_it_is_set(client, article, thread, settings):
    settings.PARLEY_PUBLIC_URL = "https://comments.gazette.example"

    markup = Markup(fragment(client, article).content.decode())

    assert markup.first("section")["data-parley-api"] == (
        f"https://comments.gazette.example/api/v1/articles/{article.pk}/comments"
    )
    assert all(url.startswith("https://") for url in markup.urls())


def test_without_javascript_the_fragment_links_to_the_comment_page_instead_of_a_form(client, article):
    html = fragment(client, article).content.decode()

    assert "csrfmiddlewaretoken" not in html
    write = re.search(r'<p class="parley-write"><a href="([^"]+)"[^>]*>Write a comment</a>', html)
    assert write and write.group(1) == f"http://testserver/articles/{article.pk}/post/"
    # the form the script uses sits in an inert <template>
    assert html.index("<template") < html.index("<form") < html.index("</template>")
    for name in ("author_name", "email", "text", "accept_terms", "parent", "terms_version", "website"):
        assert f'name="{name}"' in html
    assert 'name="terms_version" value="1"' in html


def test_closed_article_says_so_and_offers_no_form(client, article, published):
    published()
    article.comments_closed = True
    article.save()

    html = fragment(client, article).content.decode()

    assert "closed by the editors" in html
    assert "<form" not in html and "Write a comment" not in html and "data-parley-reply" not in html


def test_more_comments_pages_through_fragments(client, article, published, settings):
    settings.PARLEY_PAGE_SIZE = 2
    for n in range(3):
        published(f"Comment number {n}.")

    first_page = Markup(fragment(client, article).content.decode())
    more = first_page.first("a", data_parley_append=None)
    assert more["href"].startswith(f"http://testserver/articles/{article.pk}/?sort=oldest&cursor=")
    assert more["data-parley-page"].startswith("http://testserver/embed/fragment/?site=gazette&")

    next_page = client.get(more["data-parley-page"])
    html = next_page.content.decode()
    assert next_page.status_code == 200
    assert "Comment number 2." in html and "Comment number 0." not in html
    assert 'data-parley-append' not in html


def test_sort_links_point_at_fragments_and_the_comments_page(client, article, published):
    published()

    markup = Markup(fragment(client, article, sort="newest").content.decode())

    link = markup.first("a", data_parley_page=(
        "http://testserver/embed/fragment/?site=gazette&article=2026%2Fharbour-ferry&sort=oldest"))
    assert link["href"] == f"http://testserver/articles/{article.pk}/?sort=oldest"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"site": "nowhere", "article": "2026/harbour-ferry"}, "There is no site 'nowhere'"),
        ({"site": "gazette", "article": "2026/no-such-story"}, "has no article '2026/no-such-story'"),
    ],
)
def test_unknown_site_or_article_is_404(client, article, params, message):
    response = client.get("/embed/fragment/", params)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Missing query parameter site and article"),
        ({"site": "gazette"}, "Missing query parameter article"),
        ({"article": "2026/harbour-ferry", "site": ""}, "Missing query parameter site"),
        ({"site": "gazette", "article": "2026/harbour-ferry", "cursor": "not-a-cursor"}, "page link is not valid"),
        ({"site": "gazette", "article": "2026/harbour-ferry", "sort": "loudest"}, "Unknown sort 'loudest'"),
    ],
)
def test_bad_requests_are_400_with_a_message(client, article, params, message):
    response = client.get("/embed/fragment/", params)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()


def test_fragment_is_publicly_cacheable_and_sets_no_cookie(client, article, published):
    published()

    response = fragment(client, article)

    assert response["Cache-Control"] == "public, max-age=60"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_cors_allows_the_sites_own_domains_only(client, article):
    query = {"site": "gazette", "article": article.external_id}
    allowed = client.get("/embed/fragment/", query, HTTP_ORIGIN="https://gazette.example")
    other = client.get("/embed/fragment/", query, HTTP_ORIGIN="https://elsewhere.example")

    assert allowed["Access-Control-Allow-Origin"] == "https://gazette.example"
    assert "Origin" in allowed["Vary"]
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Credentials" not in allowed


def test_script_is_served_at_a_stable_url_with_caching(client):
    response = client.get("/embed/parley.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "public, max-age=3600"
    body = response.content.decode()
    assert '"use strict"' in body and "attachShadow" in body
    again = client.get("/embed/parley.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_stylesheet_for_the_shadow_root_scopes_page_rules_to_the_host(client):
    response = client.get("/embed/parley.css")

    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert css.startswith(":host { all: initial; display: block; }")
    assert ":host { --parley-ink" in css
    assert not re.search(r"^(:root|body)\b", css, flags=re.M)


def test_demo_page_includes_the_fragment_and_the_script(client, article, published):
    published("Shown on the demo page.")

    response = client.get(f"/embed/demo/{article.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert article.title in html and article.body in html
    host = html.index(f'<div data-parley-article="{article.external_id}"><section class="parley"')
    assert host < html.index("Shown on the demo page.")
    script = Markup(html).first("script", src="http://testserver/embed/parley.js")
    assert script == {"src": "http://testserver/embed/parley.js", "data-parley-site": "gazette", "async": None}


def test_demo_page_of_unknown_article_is_404(client, db):
    assert client.get("/embed/demo/999/").status_code == 404
