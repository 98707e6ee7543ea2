"""The emergency take-down page: paste, see what will go, confirm; gone from every public place at once, preserved,
audited with its time, listed with its seconds to removal. Only admins may use it."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from parley.apps.articles.models import Article
from parley.apps.comments.models import Comment, Status
from parley.apps.comments.services import NewComment, post_comment, set_status
from parley.apps.moderation.models import AuditEvent, StatementAction, Takedown
from parley.apps.moderation.periods import add_months
from tests.workspace import admin, analyst, moderator

URL = reverse("moderation:takedown")
TEXT = "Join the armed struggle and attack the harbour tonight."
PURGED = []


def remember_purge(urls):
    PURGED.append(urls)


@pytest.fixture
def boss(db):
    return admin()


@pytest.fixture
def target(article):
    """A published comment by a commenter with an e-mail address, under a published parent, with a reply."""
    def publish(text, name, parent=None, email=""):
        comment = post_comment(article, NewComment(author_name=name, text=text, parent=parent, email=email,
                                                   accepted_terms=article.site.current_terms))
        set_status(comment, Status.PUBLISHED, actor_label="test", reason="fixture")
        comment.refresh_from_db()
        return comment

    parent = publish("The ferry is late again this week.", "Mara Okafor")
    comment = publish(TEXT, "Dario Velez", parent=parent, email="dario@example.org")
    publish("Reported this one to the editors.", "Noor Haddad", parent=comment)
    return comment


def form(reference, **extra):
    return {"reference": reference, "reason": "Removal order for terrorist content", "rule": "extremism",
            "order_reference": "", "authority": "", "received_at": "", **extra}


def confirm(client, data):
    """Preview, then post the confirmation form the preview rendered, as the admin's browser would."""
    preview = client.post(URL, data)
    assert preview.status_code == 200, preview.content.decode()[:2000]
    html = preview.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields = {name: unescape(value) for name, value in fields.items() if name != "csrfmiddlewaretoken"}
    assert fields["step"] == "confirm"
    return client.post(URL, fields), html


def public_pages(client, article, comment) -> dict[str, str]:
    fragment = reverse("embed:fragment") + "?" + urlencode({"site": article.site.slug,
                                                            "article": article.external_id})
    return {
        "article": client.get(article.get_absolute_url()).content.decode(),
        "permalink": client.get(reverse("comments:comment", args=[comment.pk])).content.decode(),
        "api": client.get(reverse("api-v1:article_comments", kwargs={"article_id": article.pk})).content.decode(),
        "embed": client.get(fragment).content.decode(),
    }


def sitemap_lastmod(client, article) -> str:
    xml = client.get("/sitemap.xml").content.decode()
    match = re.search(rf"<loc>[^<]*{re.escape(article.get_absolute_url())}</loc><lastmod>([^<]+)</lastmod>", xml)
    return match.group(1)


# --- who may use it


def test_only_admins_open_the_take_down_page(client, site, verified_login):
    response = client.get(URL)
    assert response.status_code == 302 and "next=/moderate/takedown/" in response["Location"]
    for person in (moderator(site), analyst()):
        verified_login(client, person)
        assert client.get(URL).status_code == 403
        assert client.post(URL, form("1")).status_code == 403
    verified_login(client, admin())
    page = client.get(URL)
    assert page.status_code == 200 and 'name="reference"' in page.content.decode()
    assert "csrfmiddlewaretoken" in page.content.decode()


def test_a_post_without_the_csrf_token_is_refused(boss, target, verified_login):
    client = Client(enforce_csrf_checks=True)
    verified_login(client, boss)
    response = client.post(URL, {**form(str(target.pk)), "step": "confirm", "comment_id": target.pk})
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.status == Status.PUBLISHED


# --- the whole path


def test_take_down_through_the_page_removes_it_everywhere(client, boss, article, target, settings,
                                                           django_capture_on_commit_callbacks, verified_login):
    settings.PARLEY_PURGE_HOOK = "tests.test_takedown_views.remember_purge"
    PURGED.clear()
    long_ago = timezone.now() - timedelta(days=3)
    Article.objects.filter(pk=article.pk).update(comments_updated_at=long_ago, updated_at=long_ago,
                                                 published_at=long_ago)
    assert all(TEXT in html for html in public_pages(client, article, target).values())
    assert sitemap_lastmod(client, article) == timezone.localdate(long_ago).isoformat()

    verified_login(client, boss)
    reference = f"https://comments.example{article.get_absolute_url()}#c{target.pk}"
    preview = client.post(URL, form(reference, order_reference="RO-2026-0042", authority="National police"))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert TEXT in html and "Dario Velez" in html and article.title in html and "Take it down now" in html
    assert "RO-2026-0042" in html and "1 (they stay" in html  # the published reply stays
    target.refresh_from_db()
    assert target.status == Status.PUBLISHED and not Takedown.objects.exists()  # a preview changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response, _ = confirm(client, form(reference, order_reference="RO-2026-0042", authority="National police"))
    done = Takedown.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}?done={done.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f"Comment {target.pk} was taken down in" in page  # the message after the redirect
    assert f"#{target.pk}" in page and "RO-2026-0042" in page and 'class="is-new"' in page

    client.logout()  # what readers see
    pages = public_pages(client, article, target)
    assert all(TEXT not in html for html in pages.values()), [name for name, html in pages.items() if TEXT in html]
    assert "Reported this one to the editors." in pages["article"]  # the reply stays, under a tombstone
    assert client.get(reverse("api-v1:comment", kwargs={"comment_id": target.pk})).status_code == 404
    assert sitemap_lastmod(client, article) == timezone.localdate().isoformat()
    [urls] = PURGED
    assert any(u.endswith(article.get_absolute_url()) for u in urls) and any("/embed/fragment/" in u for u in urls)

    target.refresh_from_db()
    assert target.status == Status.DELETED and target.taken_down_at == done.executed_at
    assert done.reference == reference and done.order_reference == "RO-2026-0042"
    assert done.authority == "National police" and done.executed_by == boss
    assert done.original["body_markdown"] == TEXT and done.preserve_until == add_months(done.executed_at, 6)
    assert done.statement.action == StatementAction.TAKEDOWN and "RO-2026-0042" in (
        done.statement.illegal_content_legal_ground)
    event = AuditEvent.objects.get(action="comment.taken_down", comment=target)
    assert event.actor == boss and event.data["executed_at"] == done.executed_at.isoformat()
    # No receipt time was typed: the clock started when the admin first submitted the form.
    assert timedelta(0) <= done.time_to_removal < timedelta(seconds=30)
    assert event.data["seconds_to_removal"] == round(done.time_to_removal.total_seconds(), 3)
    assert [m.to for m in mail.outbox if "removed" in m.subject] == [["dario@example.org"]]



def test_the_time_the_order_arrived_sets_the_seconds_to_removal(client, boss, target, verified_login):
    verified_login(client, boss)
    received = timezone.localtime() - timedelta(hours=2)
    response, _ = confirm(client, form(str(target.pk), received_at=received.strftime("%Y-%m-%dT%H:%M:%S"),
                                      withhold_notice="on"))
    assert response.status_code == 302
    done = Takedown.objects.get()
    assert timedelta(hours=2) - timedelta(seconds=1) <= done.time_to_removal < timedelta(hours=2, minutes=1)
    assert not done.within_one_hour
    assert not [m for m in mail.outbox if "removed" in m.subject]  # the authority asked for silence
    page = client.get(URL).content.decode()
    assert "over one hour" in page
    seconds = re.search(r'<td class="num late">([\d.]+)', page).group(1)
    assert 7199 <= float(seconds) <= 7260


# --- refusals


@pytest.mark.parametrize(("data", "message"), [
    (form("https://news.example/2026/some-story"), "This is not a comment&#x27;s URL or id"),
    (form("99999"), "There is no comment 99999"),
    (form(""), "This field is required"),
    (form("{pk}", reason="   "), "This field is required"),
    (form("{pk}", received_at="tomorrow"), "Enter a valid date/time"),
    (form("{pk}", rule="not-a-rule"), "Select a valid choice"),
])
def test_bad_input_is_refused_with_400_and_a_message(client, boss, target, data, message, verified_login):
    verified_login(client, boss)
    data = {key: value.replace("{pk}", str(target.pk)) for key, value in data.items()}
    for step in ("preview", "confirm"):
        response = client.post(URL, {**data, "step": step, "comment_id": target.pk})
        assert response.status_code == 400
        assert message in response.content.decode()
    target.refresh_from_db()
    assert target.status == Status.PUBLISHED and not Takedown.objects.exists()


def test_a_receipt_time_in_the_future_is_refused(client, boss, target, verified_login):
    verified_login(client, boss)
    later = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(URL, form(str(target.pk), received_at=later))
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_a_comment_is_taken_down_only_once(client, boss, target, verified_login):
    verified_login(client, boss)
    assert confirm(client, form(str(target.pk)))[0].status_code == 302
    response = client.post(URL, form(str(target.pk)))
    assert response.status_code == 400 and "was already taken down" in response.content.decode()
    response = client.post(URL, {**form(str(target.pk)), "step": "confirm", "comment_id": target.pk})
    assert response.status_code == 400 and Takedown.objects.count() == 1


def test_a_confirmation_for_another_comment_is_refused(client, boss, target, published, verified_login):
    verified_login(client, boss)
    other = published("An ordinary comment about the timetable.")
    response = client.post(URL, {**form(str(other.pk)), "step": "confirm", "comment_id": target.pk})
    assert response.status_code == 400 and "points at another comment" in response.content.decode()
    assert Comment.objects.filter(status=Status.PUBLISHED, pk__in=[other.pk, target.pk]).count() == 2


def test_the_page_is_get_or_post_only(client, boss, verified_login):
    verified_login(client, boss)
    assert client.put(URL).status_code == 405
