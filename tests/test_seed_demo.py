"""``seed-demo``: the demo site with a discussion in every state, idempotent, with a working moderator login."""

import html
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from parley.apps.articles.models import ApiToken, Article, Site
from parley.apps.comments.models import Comment, CommentRevision, EditorKind, Status
from parley.apps.moderation.models import AuditEvent


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def login_from(output: str) -> tuple[str, str]:
    return re.search(r"Moderator login: (\S+) / (\S+)", output).groups()


def backup_codes_from(output: str) -> list[str]:
    return re.search(r"backup codes \(each works once\): (.+)", output).group(1).split()


@pytest.mark.django_db
def test_seed_creates_the_demo():
    output = seed()
    site = Site.objects.get()
    assert (site.slug, site.name, site.moderation_mode) == ("demo", "The Levant Ledger", "post")
    assert site.domains == ["127.0.0.1", "localhost"] and site.appeal_contact == "appeals@ledger.example"
    assert "fantasy names" in site.current_terms.text and site.current_terms.version == 1

    articles = Article.objects.filter(site=site)
    assert articles.count() == 35  # the 5 latest stories of feed.xml and 30 earlier ones of archive.xml
    assert all(a.published_at < timezone.now() for a in articles)
    latest = articles.order_by("-published_at")[:5]
    assert all(timezone.now() - timedelta(days=7) < a.published_at for a in latest)
    assert {a.pk for a in latest} == set(articles.filter(comments__isnull=False).values_list("pk", flat=True))
    closed = articles.get(comments_closed=True)
    assert closed.closed_reason == "Comments are closed on this article while the editors review the discussion."
    assert [a.comments_open for a in articles].count(True) == 34

    comments = Comment.objects.filter(article__site=site)
    assert {c.status for c in comments} == set(Status)
    assert comments.filter(status=Status.PUBLISHED).count() > comments.exclude(status=Status.PUBLISHED).count()
    assert comments.filter(depth=3).exists()
    assert comments.get(author_name="Captain Falafel").status == Status.PENDING
    declined = comments.filter(status=Status.REJECTED)
    assert all(AuditEvent.objects.filter(comment=c, to_status="rejected").exclude(reason="").exists()
               for c in declined)
    revision = CommentRevision.objects.get(number=2)
    assert revision.editor_kind == EditorKind.MODERATOR and revision.editor.username == "moderator"
    assert revision.comment.edited_by_moderator and revision.comment.status == Status.PUBLISHED

    assert ApiToken.objects.authenticate(re.search(r"\(shown once\): (\S+)", output).group(1)).site == site
    featured = articles.get(external_id="region/ceasefire-talks-monitoring-plan")
    for url in ("http://127.0.0.1:8000/", f"http://127.0.0.1:8000/articles/{featured.pk}/",
                "http://127.0.0.1:8000/admin/", "/sitemap.xml", "/api/v1/docs", f"/embed/demo/{featured.pk}/"):
        assert url in output


@pytest.mark.django_db
def test_seeding_twice_does_not_duplicate():
    seed()
    counts = (Site.objects.count(), Article.objects.count(), Comment.objects.count(), ApiToken.objects.count())
    output = seed("--base-url", "https://comments.example/")
    assert "already exists" in output and "password unchanged" in output
    assert "backup codes (each works once)" not in output  # the second factor is unchanged too
    assert "https://comments.example/admin/" in output
    assert (Site.objects.count(), Article.objects.count(), Comment.objects.count(),
            ApiToken.objects.count()) == counts


@pytest.mark.django_db
def test_moderator_logs_in_with_the_printed_password(client):
    output = seed()
    username, password = login_from(output)
    codes = backup_codes_from(output)
    assert len(codes) == 10 and "otpauth://totp/Parley%3Amoderator?secret=" in output
    assert "http://127.0.0.1:8000/moderate/account/login/" in output
    response = client.post("/moderate/account/login/", {"username": username, "password": password, "next": "/admin/"})
    assert response.status_code == 302 and response["Location"].startswith("/moderate/account/verify/")
    assert client.get("/admin/").status_code == 302  # not yet: the second step is missing
    response = client.post(response["Location"], {"code": codes[0]})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/comments/comment/").status_code == 200
    assert client.get("/admin/moderation/auditevent/").status_code == 200
    queue = client.get("/moderate/pending/")  # the demo moderator moderates the demo site in the workspace
    assert queue.status_code == 200 and b"The Levant Ledger" in queue.content


@pytest.mark.django_db
def test_reset_sets_a_new_password(client):
    first_output = seed()
    _, first = login_from(first_output)
    output = seed("--reset", "--password", "a-demo-password-1")
    assert login_from(output) == ("moderator", "a-demo-password-1")
    assert not set(backup_codes_from(first_output)) & set(backup_codes_from(output))  # new backup codes
    assert not client.login(username="moderator", password=first)
    assert client.login(username="moderator", password="a-demo-password-1")


@pytest.mark.django_db
def test_demo_articles_show_related_stories_on_their_subject(client, encoder, django_capture_on_commit_callbacks):
    from parley.apps.articles.related import forget_indexes, related

    forget_indexes()
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    site = Site.objects.get()

    def subject(article):  # the section: region/..., economy/...
        return article.external_id.split("/")[0]

    on_subject = 0
    for article in site.articles.order_by("-published_at")[:5]:  # the stories that carry the discussion
        items = related(article)
        assert len(items) == 5 and article.pk not in {i.article.pk for i in items}
        assert subject(items[0].article) == subject(article), (article.title, items[0].article.title)
        on_subject += sum(subject(i.article) == subject(article) for i in items)
    assert on_subject >= 15  # of 25; one subject in five would give about 5 by chance (17 when written)
    featured = site.articles.get(external_id="region/ceasefire-talks-monitoring-plan")
    page = client.get(f"/articles/{featured.pk}/").content.decode()
    assert "Related articles" in page and html.escape(related(featured)[0].article.title) in page
    forget_indexes()
