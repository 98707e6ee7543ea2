"""Posting through the real moderation engine: the default moderator, end to end through the public form."""

import pytest

from parley.apps.comments.models import Comment, Status

from .test_posting import post

pytestmark = pytest.mark.real_engine


@pytest.fixture
def post_moderated(article):
    article.site.moderation_mode = "post"
    article.site.save()
    article.body = ("The ferry between the old port and the island resumes service on Monday after a two-year "
                    "pause for repairs to the harbour wall. The night crossing returns in the summer timetable.")
    article.save()
    return article


def test_a_civil_relevant_comment_is_published_at_once(client, post_moderated):
    response = post(client, post_moderated, text="Good news for islanders. Will the night crossing take cars too?")
    comment = Comment.objects.get()
    assert comment.verdict["engine"].startswith("parley-engine")
    assert (comment.status, comment.verdict["decision"]) == (Status.PUBLISHED, "publish"), comment.verdict
    assert "night crossing take cars" in client.get(post_moderated.get_absolute_url()).content.decode()
    assert response.status_code == 302


def test_private_phone_number_is_declined_with_the_reason_and_evidence(client, post_moderated):
    text = "The skipper is useless, ring him yourself on 07700 900123 and tell him."
    response = post(client, post_moderated, text=text)
    comment = Comment.objects.get()
    assert comment.status in (Status.REJECTED, Status.PENDING)
    finding = next(f for f in comment.verdict["findings"] if f["rule"] == "personal_data")
    start, end = finding["evidence"][0]
    assert "07700 900123" in text[start:end]
    assert finding["score"] >= finding["threshold"]
    body = client.get(response["Location"]).content.decode()
    assert "07700 900123" not in client.get(post_moderated.get_absolute_url()).content.decode()
    if comment.status == Status.REJECTED:
        assert "not published" in body and "How to appeal" in body
    else:
        assert "waiting for a moderator" in body
    assert finding["message"] in body.replace("&#x27;", "'")


def test_a_fantasy_name_is_not_published(client, post_moderated):
    post(client, post_moderated, author_name="Frodo Baggins", text="Lovely to have the ferry back at last.")
    comment = Comment.objects.get()
    assert comment.status != Status.PUBLISHED
    finding = next(f for f in comment.verdict["findings"] if f["rule"] == "fake_name")
    assert finding["field"] == "author_name"


def test_a_comment_in_another_language_is_not_published(client, post_moderated):
    post(client, post_moderated, text="Endlich fährt die Fähre wieder, das ist eine sehr gute Nachricht für die Insel.")
    comment = Comment.objects.get()
    assert comment.status != Status.PUBLISHED
    assert "not_english" in comment.verdict["rules"]


def test_pre_moderated_site_holds_even_what_the_engine_would_publish(client, article):
    post(client, article, text="Good news for islanders, the ferry is back on Monday.")
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.verdict["rules"][-1] == "pre_moderation"
