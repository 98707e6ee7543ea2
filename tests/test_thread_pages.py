"""The public comments page: nesting, sorting, cursor pages, continue-this-thread, structured data."""

import json
import re

import pytest

from parley.apps.comments.models import Status
from parley.apps.comments.services import set_status


def jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_nested_thread_and_structured_data(client, article, published, make_comment):
    top = published("The ferry was always late, but it was ours.", name="Leila Haddad")
    reply = published("It was late because of the old engines.", name="Tomás Ferreira", parent=top)
    published("They replaced both engines last winter.", name="Yusuf Demir", parent=reply)
    make_comment("A pending reply nobody should see.", parent=top)
    make_comment("A declined reply.", parent=top, status=Status.REJECTED)

    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
    assert "pending reply" not in html and "declined reply" not in html
    assert "3 comments" in html

    data = jsonld(html)
    assert data["@type"] == "DiscussionForumPosting"
    assert data["sharedContent"]["@type"] == "Article"
    assert data["sharedContent"]["url"] == article.url
    assert data["commentCount"] == 3
    [first] = data["comment"]
    assert first["@type"] == "Comment"
    assert first["author"] == {"@type": "Person", "name": "Leila Haddad"}
    assert first["text"] == "The ferry was always late, but it was ours."
    assert first["dateCreated"].startswith(top.created_at.date().isoformat())
    [second] = first["comment"]
    assert second["author"]["name"] == "Tomás Ferreira"
    assert second["comment"][0]["text"] == "They replaced both engines last winter."
    assert "pending reply" not in json.dumps(data)


def test_jsonld_cannot_break_out_of_its_script(client, article, published):
    published("</script><script>alert('x')</script> is what an attacker would write")
    html = client.get(article.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script
    assert "alert" in json.loads(script)["comment"][0]["text"]


def test_withdrawn_parent_becomes_a_tombstone(client, article, published):
    top = published("This one will be deleted later.")
    reply = published("A reply that stays up.", parent=top)
    set_status(top, Status.DELETED, actor_label="moderator", reason="test")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "This one will be deleted later." not in html
    assert "This comment is not available." in html
    assert "A reply that stays up." in html
    data = jsonld(html)
    assert [c["text"] for c in data["comment"]] == ["A reply that stays up."]
    # the tombstone's permalink shows the replies, not the deleted text
    page = client.get(top.get_absolute_url()).content.decode()
    assert "A reply that stays up." in page and "will be deleted later" not in page
    assert client.get(reply.get_absolute_url()).status_code == 200


def test_reply_counts_follow_status_changes(article, published):
    top = published("Top")
    child = published("Child", parent=top)
    grandchild = published("Grandchild", parent=child)
    top.refresh_from_db()
    assert top.reply_count == 2
    set_status(grandchild, Status.REJECTED, actor_label="moderator")
    top.refresh_from_db()
    child.refresh_from_db()
    assert (top.reply_count, child.reply_count) == (1, 0)
    set_status(grandchild, Status.PUBLISHED, actor_label="moderator")
    top.refresh_from_db()
    assert top.reply_count == 2


def test_cursor_pagination_newest_oldest(client, article, published, settings):
    settings.PARLEY_PAGE_SIZE = 3
    texts = [f"Comment number {i:02d} on the ferry" for i in range(8)]
    for text in texts:
        published(text)

    def walk(sort):
        seen, url = [], f"{article.get_absolute_url()}?sort={sort}"
        while url:
            html = client.get(url).content.decode()
            seen += re.findall(r"<p>Comment number (\d\d)", html)
            nxt = re.search(r'<link rel="next" href="([^"]+)"', html)
            url = nxt.group(1).replace("&amp;", "&") if nxt else None
        return seen

    assert walk("oldest") == [f"{i:02d}" for i in range(8)]
    assert walk("newest") == [f"{i:02d}" for i in reversed(range(8))]


def test_sort_by_most_replies(client, article, published):
    quiet = published("Quiet thread")
    busy = published("Busy thread")
    for i in range(3):
        published(f"reply {i}", parent=busy)
    published("one reply", parent=quiet)
    html = client.get(f"{article.get_absolute_url()}?sort=replies").content.decode()
    assert html.index("Busy thread") < html.index("Quiet thread")


@pytest.mark.parametrize("query", ["?sort=loudest", "?cursor=%%%", "?cursor=eyJhIjoxfQ", "?sort=newest&cursor=WyJvbGRlc3QiLCJ4IiwxXQ"])
def test_bad_sort_or_cursor_is_400(client, article, published, query):
    published("Something")
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 400
    assert "first page" in response.content.decode() or "Unknown sort" in response.content.decode()


def test_deep_thread_continues_on_its_own_page(client, article, published, settings):
    settings.PARLEY_THREAD_DEPTH = 3
    parent = published("Level 0")
    chain = [parent]
    for level in range(1, 6):
        chain.append(published(f"Level {level}", parent=chain[-1]))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Level 2" in html and "Level 3" not in html
    assert f'href="{chain[2].get_absolute_url()}">Continue this thread (3 replies)' in html
    deeper = client.get(chain[2].get_absolute_url()).content.decode()
    assert "Level 3" in deeper and "Level 4" in deeper
    assert "↑ Parent comment" in deeper


def test_unknown_article_is_404(client, db):
    assert client.get("/articles/424242/").status_code == 404


def test_terms_page_keeps_versions(client, site):
    from parley.apps.articles.models import Terms

    Terms.objects.create(site=site, version=2, text="Version two: *be kind*.")
    current = client.get(site.get_terms_url()).content.decode()
    assert "Version 2" in current and "<em>be kind</em>" in current
    old = client.get(site.get_terms_url() + "?version=1").content.decode()
    assert "Be civil" in old
    assert client.get(site.get_terms_url() + "?version=abc").status_code == 400
    assert client.get(site.get_terms_url() + "?version=9").status_code == 404
