"""Nothing is lost: revisions, soft deletes, an append-only audit log, and admin moderation."""

import pytest
from django.contrib.auth.models import User

from parley.apps.comments.models import CommentRevision, EditorKind, Status
from parley.apps.comments.services import PostingError, edit_comment, set_status
from parley.apps.moderation.models import AppendOnlyError, AuditEvent


def test_moderator_edit_keeps_every_revision_and_labels_the_page(client, article, published):
    moderator = User.objects.create_user("mod", password="x")
    comment = published("The minister is a crook and a liar.")
    edit_comment(comment, "The minister's figures do not add up.", editor=moderator,
                 kind=EditorKind.MODERATOR, reason="Removed an unproven allegation")
    revisions = list(CommentRevision.objects.filter(comment=comment).order_by("number"))
    assert [r.body_markdown for r in revisions] == [
        "The minister is a crook and a liar.", "The minister's figures do not add up."]
    assert (revisions[1].editor, revisions[1].reason) == (moderator, "Removed an unproven allegation")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "edited by the moderators" in page and "crook" not in page
    event = AuditEvent.objects.get(comment=comment, action="comment.edited")
    assert event.actor == moderator and event.data == {"revision": 2}


def test_edit_to_nothing_is_refused(published):
    with pytest.raises(PostingError):
        edit_comment(published("Something"), "   ")


def test_delete_is_soft_and_audited(client, article, published):
    comment = published("To be removed")
    set_status(comment, Status.DELETED, actor_label="moderator", reason="Off-topic")
    comment.refresh_from_db()
    assert comment.status == Status.DELETED and comment.deleted_at is not None
    assert comment.body_markdown == "To be removed"
    assert "To be removed" not in client.get(article.get_absolute_url()).content.decode()
    assert AuditEvent.objects.filter(comment=comment, to_status="deleted", reason="Off-topic").exists()


def test_audit_log_is_append_only(published):
    event = AuditEvent.objects.filter(comment=published("Any text")).first()
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(reason="gone")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_admin_approve_and_decline_actions(client, article, make_comment, verified_login):
    admin = User.objects.create_superuser("editor", password="pw-for-tests")
    verified_login(client, admin)
    first, second = make_comment("First pending"), make_comment("Second pending")
    response = client.post("/admin/comments/comment/", {"action": "approve", "_selected_action": [first.pk]})
    assert response.status_code == 302
    response = client.post("/admin/comments/comment/", {"action": "decline", "_selected_action": [second.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.PUBLISHED, Status.REJECTED)
    event = AuditEvent.objects.get(comment=first, action="comment.status_changed")
    assert event.actor == admin and event.reason == "Approved in the admin"
    assert "First pending" in client.get(article.get_absolute_url()).content.decode()
    # the admin offers no hard delete of comments or audit events
    assert client.get(f"/admin/comments/comment/{first.pk}/delete/").status_code == 403
    assert client.get(f"/admin/moderation/auditevent/{event.pk}/delete/").status_code == 403


def test_admin_requires_login(client, db):
    response = client.get("/admin/comments/comment/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
