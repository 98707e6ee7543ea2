"""Posting through the public form: the fail-closed default, validation messages, status page, replies."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from parley.apps.comments.models import Comment, CommentRevision, Status
from parley.apps.moderation.models import AuditEvent


def form_data(**overrides):
    data = {
        "author_name": "Mara Okafor",
        "email": "",
        "text": "The ferry timetable should include the night crossing again.",
        "accept_terms": "on",
        "terms_version": "1",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client, article, **overrides):
    return client.post(f"/articles/{article.pk}/post/", form_data(**overrides))


def test_post_is_held_and_the_reader_is_told_why(client, article):
    response = post(client, article)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.verdict["decision"] == "hold"
    assert comment.verdict["rules"] == ["pre_moderation"]
    assert comment.terms.version == 1

    status_page = client.get(response["Location"])
    body = status_page.content.decode()
    assert status_page.status_code == 200
    assert "waiting for a moderator" in body
    assert "read by a moderator before it is published" in body
    assert 'content="noindex' in body and status_page["X-Robots-Tag"].startswith("noindex")

    # nothing of it is public yet
    page = client.get(article.get_absolute_url()).content.decode()
    assert "night crossing" not in page
    assert client.get(comment.get_absolute_url()).status_code == 404


def test_post_records_revision_audit_and_hashed_ip(client, article):
    post(client, article, REMOTE_ADDR="203.0.113.9")
    comment = Comment.objects.get()
    assert comment.ip_hash and "203.0.113.9" not in comment.ip_hash
    revision = CommentRevision.objects.get(comment=comment)
    assert (revision.number, revision.editor_kind) == (1, "author")
    actions = list(AuditEvent.objects.filter(comment=comment).order_by("id").values_list("action", flat=True))
    assert actions == ["comment.created", "comment.moderated"]


def test_approve_then_public(client, article, make_comment):
    from parley.apps.comments.services import set_status

    comment = make_comment("Glad the crossing is back, it saves an hour.")
    set_status(comment, Status.PUBLISHED, actor_label="moderator", reason="fine")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Glad the crossing is back" in page
    assert "1 comment" in page


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"author_name": ""}, "Please give your name."),
        ({"text": ""}, "Please write a comment."),
        ({"text": "x"}, "too short"),
        ({"text": "x" * 5001}, "too long"),
        ({"accept_terms": None}, "Please accept the comment terms"),
        ({"email": "not-an-address"}, "does not look right"),
        ({"website": "http://spam.example"}, "filled in automatically"),
        ({"terms_version": "7"}, "terms changed"),
        ({"parent": "999999"}, "does not exist or is not published"),
    ],
)
def test_bad_input_gets_a_clear_message_not_a_500(client, article, overrides, field_message):
    response = post(client, article, **overrides)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not Comment.objects.exists()


def test_required_email_when_the_site_asks(client, article):
    article.site.require_email = True
    article.site.save()
    response = post(client, article)
    assert response.status_code == 400
    assert "asks for an e-mail address" in response.content.decode()
    assert post(client, article, email="mara@example.org").status_code == 302


def test_reply_form_and_reply(client, article, published):
    parent = published("The old pier needs repairs first.")
    form_page = client.get(f"/articles/{article.pk}/post/?reply_to={parent.pk}")
    assert form_page.status_code == 200
    assert "Replying to" in form_page.content.decode()
    assert form_page["X-Robots-Tag"].startswith("noindex")
    assert post(client, article, parent=str(parent.pk), text="Repairs were finished in May.").status_code == 302
    reply = Comment.objects.get(parent=parent)
    assert (reply.root_id, reply.depth, reply.path.startswith(parent.path)) == (parent.pk, 1, True)


def test_cannot_reply_to_unpublished(client, article, make_comment):
    pending = make_comment("Waiting for review.")
    response = post(client, article, parent=str(pending.pk))
    assert response.status_code == 400
    assert not Comment.objects.filter(parent=pending).exists()


def test_closed_article_shows_no_form_and_explains(client, article):
    article.comments_closed = True
    article.closed_reason = "Comments are closed while the editors review the discussion."
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "while the editors review the discussion" in page
    assert 'class="parley-form"' not in page
    response = post(client, article)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_auto_close_after_days(client, article):
    article.site.auto_close_days = 2
    article.site.save()
    article.published_at = timezone.now() - timedelta(days=3)
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "close automatically 2 days after publication" in page
    assert post(client, article).status_code == 403


def test_markdown_is_rendered_and_sanitised(client, article, published):
    comment = published("**Bold** and <script>alert(1)</script> [link](javascript:alert(1)) [ok](https://a.example)")
    html = comment.body_html
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "[link](javascript:alert(1))" in html
    assert re.search(r'<a href="https://a.example" rel="nofollow ugc noopener">ok</a>', html)


def test_csrf_is_enforced(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/articles/{article.pk}/post/", form_data())
    assert response.status_code == 403
    assert "reload the page" in response.content.decode()
    assert not Comment.objects.exists()


def test_bad_status_token_is_a_clear_400(client):
    response = client.get("/status/not-a-token/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
