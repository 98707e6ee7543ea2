"""The seam between the platform and the engine: verdicts set the status; failures hold, never publish."""

import pytest

from parley.apps.comments.models import Status
from parley.apps.moderation.models import AuditEvent
from parley.moderation import CommentInput, Decision, Finding, ModerationContext, Verdict

SEEN = {}


def publish_all(comment: CommentInput, context: ModerationContext) -> Verdict:
    SEEN["comment"], SEEN["context"] = comment, context
    return Verdict(Decision.PUBLISH, [], engine="test-publish")


def reject_spam(comment: CommentInput, context: ModerationContext) -> Verdict:
    start = comment.text.index("BUY")
    finding = Finding("spam", 0.97, 0.9, "This looks like advertising.", [(start, start + 3)])
    return Verdict(Decision.REJECT, [finding], engine="test-spam")


def broken(comment, context):
    raise RuntimeError("model file missing")


def not_a_verdict(comment, context):
    return {"decision": "publish"}


@pytest.fixture
def post_mode(article):
    article.site.moderation_mode = "post"
    article.site.save()
    return article


def test_engine_receives_context(settings, post_mode, published, make_comment):
    settings.PARLEY_MODERATOR = "tests.test_moderation_seam.publish_all"
    parent = published("Parent text about the ferry.")
    comment = make_comment("I agree with this.", parent=parent, name="Ama Mensah")
    assert comment.status == Status.PUBLISHED
    ctx = SEEN["context"]
    assert ctx.article.title == post_mode.title
    assert ctx.parent_text == "Parent text about the ferry."
    assert ctx.author_name == "Ama Mensah"
    assert SEEN["comment"].text == "I agree with this."


def test_reject_stores_explainable_verdict(settings, post_mode, make_comment):
    settings.PARLEY_MODERATOR = "tests.test_moderation_seam.reject_spam"
    comment = make_comment("Great deals, BUY now at cheap.example")
    assert comment.status == Status.REJECTED
    [finding] = comment.verdict["findings"]
    assert finding == {"rule": "spam", "score": 0.97, "threshold": 0.9, "message": "This looks like advertising.",
                       "evidence": [[13, 16]], "field": "text"}
    event = AuditEvent.objects.get(comment=comment, action="comment.status_changed")
    assert (event.actor_label, event.from_status, event.to_status) == ("engine:test-spam", "pending", "rejected")


@pytest.mark.parametrize("engine", ["broken", "not_a_verdict", "does_not_exist"])
def test_engine_failure_holds_with_engine_error(settings, post_mode, make_comment, engine):
    settings.PARLEY_MODERATOR = f"tests.test_moderation_seam.{engine}"
    comment = make_comment("Anything at all")
    assert comment.status == Status.PENDING
    assert comment.verdict["decision"] == "hold"
    assert comment.verdict["rules"] == ["engine_error"]


def test_pre_moderation_site_holds_even_a_publish_verdict(settings, article, make_comment):
    assert article.site.moderation_mode == "pre"
    settings.PARLEY_MODERATOR = "tests.test_moderation_seam.publish_all"
    comment = make_comment("Looks fine")
    assert comment.status == Status.PENDING
    assert comment.verdict["rules"] == ["pre_moderation"]


def test_default_engine_holds_everything(make_comment, post_mode):
    comment = make_comment("Default engine")
    assert comment.status == Status.PENDING
    assert comment.verdict["engine"] == "hold_all"


def test_library_has_no_django_import():
    import pathlib
    import subprocess
    import sys

    import parley.moderation

    code = "import sys, parley.moderation; print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    src = str(pathlib.Path(parley.moderation.__file__).parents[2])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": src})
    assert out.stdout.strip() == "False"
