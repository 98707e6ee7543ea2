"""Emergency take-down: gone at once from every page, the API and caches; the original kept for six months."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from parley.apps.comments.links import status_token
from parley.apps.comments.models import Comment, Status
from parley.apps.moderation import actions, appeals, purge, reports, takedown, tdb
from parley.apps.moderation.errors import ModerationError, TakedownError
from parley.apps.moderation.models import AuditEvent, StatementAction, Takedown
from parley.apps.moderation.periods import add_months
from tests.workspace import admin, moderator

PURGED = []


def remember_purge(urls):
    PURGED.append(urls)


@pytest.fixture
def boss(db):
    return admin()


def test_take_down_removes_everywhere_and_preserves_the_original(client, article, published, boss,
                                                                   django_capture_on_commit_callbacks, settings):
    settings.PARLEY_PURGE_HOOK = "tests.test_takedown.remember_purge"
    PURGED.clear()
    parent = published("The ferry is late again.")
    comment = published("Join the armed struggle, attack the harbour tonight.", parent=parent)
    reply = published("Reported this to the editors.", parent=comment)
    assert "armed struggle" in client.get(article.get_absolute_url()).content.decode()
    received = timezone.now() - timedelta(minutes=20)

    with django_capture_on_commit_callbacks(execute=True):
        done = takedown.take_down(f"https://comments.example{article.get_absolute_url()}#c{comment.pk}", actor=boss,
                                  reason="Removal order for terrorist content", order_reference="RO-2026-0042",
                                  authority="National police", received_at=received)

    comment.refresh_from_db()
    assert comment.status == Status.DELETED and comment.taken_down_at is not None
    assert not Comment.objects.published().filter(pk=comment.pk).exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "armed struggle" not in page and "Reported this to the editors." in page
    assert "This comment is not available." in page
    assert "armed struggle" not in client.get(comment.get_absolute_url()).content.decode()
    api = client.get(reverse("api-v1:article_comments", kwargs={"article_id": article.pk})).content.decode()
    assert "armed struggle" not in api and reply.body_markdown in api
    assert client.get(reverse("api-v1:comment", kwargs={"comment_id": comment.pk})).status_code == 404

    # The original and its data are preserved for six months (TCO Art. 6).
    assert done.preserve_until == add_months(done.executed_at, 6)
    assert done.original["body_markdown"] == "Join the armed struggle, attack the harbour tonight."
    assert done.original["status"] == "published" and len(done.original["revisions"]) == 1
    assert takedown.is_preserved(comment)
    assert not takedown.is_preserved(comment, now=done.preserve_until + timedelta(seconds=1))
    assert done.within_one_hour and done.time_to_removal >= timedelta(minutes=20)

    statement = done.statement
    assert statement.action == StatementAction.TAKEDOWN
    assert statement.decision_ground == tdb.ILLEGAL_CONTENT
    assert "RO-2026-0042" in statement.illegal_content_legal_ground
    assert statement.source_type == "SOURCE_TYPE_OTHER_NOTIFICATION"
    assert statement.category_specification == ["KEYWORD_TERRORIST_CONTENT"]
    assert statement.transparency_errors() == []

    event = AuditEvent.objects.get(comment=comment, action="comment.taken_down")
    assert event.actor == boss and event.data["order_reference"] == "RO-2026-0042"
    assert 1190 <= event.data["seconds_to_removal"] <= 1300
    assert event.data["executed_at"] == done.executed_at.isoformat()

    [urls] = PURGED
    assert any(u.endswith(article.get_absolute_url()) for u in urls)
    assert any(u.endswith(f"/comments/{comment.pk}/") for u in urls)
    assert any("/embed/fragment/" in u for u in urls) and any(u.endswith("/sitemap.xml") for u in urls)


@pytest.mark.parametrize("shape", ["id", "hash", "permalink", "api", "status"])
def test_references_an_admin_can_paste(published, shape):
    comment = published("Some comment.")
    reference = {
        "id": str(comment.pk),
        "hash": f"#c{comment.pk}",
        "permalink": f"https://comments.example/comments/{comment.pk}/",
        "api": f"https://comments.example/api/v1/comments/{comment.pk}",
        "status": f"https://comments.example/status/{status_token(comment)}/",
    }[shape]
    assert takedown.resolve_reference(reference) == comment


@pytest.mark.parametrize(("reference", "message"), [
    ("", "Paste the comment's URL"),
    ("https://news.example/2026/some-story", "not a comment's URL"),
    ("99999", "There is no comment 99999"),
    ("https://comments.example/status/forged-token/", "not a comment's URL"),
])
def test_unusable_references_are_refused_clearly(db, reference, message):
    with pytest.raises(TakedownError, match=message):
        takedown.resolve_reference(reference)


def test_only_admins_take_down_and_only_once(site, published, boss):
    comment = published("Some comment.")
    with pytest.raises(PermissionDenied):
        takedown.take_down(str(comment.pk), actor=moderator(site), reason="Not allowed")
    takedown.take_down(str(comment.pk), actor=boss, reason="Terrorist propaganda", rule="extremism")
    with pytest.raises(TakedownError, match="already taken down"):
        takedown.take_down(str(comment.pk), actor=boss, reason="Again")
    with pytest.raises(TakedownError, match="Say why"):
        takedown.take_down(str(published("Other").pk), actor=boss, reason=" ")


def test_a_taken_down_comment_comes_back_only_through_an_appeal(site, published, boss):
    comment = published("Some comment.")
    done = takedown.take_down(str(comment.pk), actor=boss, reason="Looked like propaganda")
    assert done.statement.decision_ground == tdb.INCOMPATIBLE_CONTENT  # no removal order: the terms' clause
    mod = moderator(site)
    with pytest.raises(ModerationError, match="only come back through an appeal"):
        actions.approve(comment, actor=mod)
    appeal = appeals.file_appeal(done.statement, explanation="It was satire about the propaganda.")
    with pytest.raises(PermissionDenied):
        appeals.decide_appeal(appeal, actor=mod, outcome="reversed", answer="Satire, clearly; it goes back up.")
    appeals.decide_appeal(appeal, actor=boss, outcome="reversed", answer="Satire, clearly; it goes back up.")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED and comment.taken_down_at is None
    assert Takedown.objects.filter(comment=comment).exists()  # the record of the take-down stays


def test_take_downs_in_the_transparency_report(published, boss):
    takedown.take_down(str(published("One.").pk), actor=boss, reason="Order",
                       received_at=timezone.now() - timedelta(hours=2))
    takedown.take_down(str(published("Two.").pk), actor=boss, reason="Order")
    figures = reports.transparency_report()["takedowns"]
    assert figures["count"] == 2 and figures["within_one_hour"] == 1


def test_public_urls_cover_every_place(published):
    comment = published("Some comment.")
    urls = purge.public_urls(comment)
    assert len(urls) == len(set(urls)) >= 6
