"""Statements of reasons (DSA Art. 17) in the Transparency Database's shape, for every decline and delete."""

import json
import re

import pytest
from django.core import mail

from parley.apps.comments.models import Status
from parley.apps.comments.services import set_status
from parley.apps.moderation import actions, grounds, statements, tdb
from parley.apps.moderation.models import AuditEvent, StatementAction, StatementOfReasons
from parley.moderation.policy import RULES, default_policy
from tests import workspace
from tests.workspace import admin, post_as_reader

TDB_KEYS = {
    "decision_visibility", "decision_ground", "decision_ground_reference_url", "incompatible_content_ground",
    "incompatible_content_explanation", "content_type", "category", "category_specification", "territorial_scope",
    "content_date", "application_date", "decision_facts", "source_type", "automated_detection",
    "automated_decision", "puid",
}

post_mode = workspace.post_mode  # a fixture: the article on a post-moderated site


def post(article, text, *, name="Kofi Boateng", email=""):
    return post_as_reader(article, text, name=name, email=email)


def test_engine_rejection_issues_an_automated_statement(settings, post_mode, django_capture_on_commit_callbacks):
    settings.PARLEY_MODERATOR = "tests.workspace.reject_as_spam"
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(post_mode, "Cheap watches at shop.example, buy now!", email="kofi@example.org")
    assert comment.status == Status.REJECTED
    statement = StatementOfReasons.objects.get(comment=comment)
    data = statement.to_transparency_json()
    assert data["automated_detection"] == "Yes"
    assert data["automated_decision"] == "AUTOMATED_DECISION_FULLY"
    assert data["source_type"] == "SOURCE_VOLUNTARY"
    assert data["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_DISABLED"]
    assert data["category"] == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
    assert data["category_specification"] == ["KEYWORD_OTHER"]
    assert data["category_specification_other"] == "Spam or advertising"
    assert statement.rule == "spam" and statement.decided_by is None
    assert "without review by a person" in data["decision_facts"]
    assert "This looks like advertising for a shop." in data["decision_facts"]
    assert tdb.validate(data) == []
    # The commenter gave an e-mail, so the statement was sent, with how to appeal.
    [message] = mail.outbox
    assert message.to == ["kofi@example.org"]
    assert "HOW TO APPEAL" in message.body and "/status/" in message.body
    assert "automatically, without a person reviewing it" in message.body
    assert AuditEvent.objects.filter(comment=comment, action="statement.issued").exists()


def test_transparency_json_uses_exactly_the_database_fields(make_comment):
    moderator = admin()
    comment = make_comment("Ceci n'est pas en anglais du tout.")
    statement = actions.decline(comment, actor=moderator, rule="not_english", message="Please write in English.")
    data = statement.to_transparency_json()
    assert set(data) == TDB_KEYS
    assert data["category_specification"] == ["KEYWORD_LANGUAGE_REQUIREMENTS"]
    assert data["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert data["automated_detection"] == "No"  # held by pre-moderation, which is no automated detection
    assert data["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert data["content_type"] == ["CONTENT_TYPE_TEXT"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["content_date"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["application_date"])
    assert re.fullmatch(r"[a-zA-Z0-9_-]+", data["puid"]) and data["puid"].startswith("gazette-comment-")
    assert set(data["territorial_scope"]) >= {"DE", "FR", "IE", "NO"}
    assert "message" not in data and "Please write in English." not in json.dumps(data)  # own words stay private
    assert data["decision_ground_reference_url"].endswith("/sites/gazette/terms/")


@pytest.mark.parametrize(("rule", "category", "keyword"), [
    ("hate", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", "KEYWORD_HATE_SPEECH"),
    ("defamation", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", "KEYWORD_DEFAMATION"),
    ("not_english", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "KEYWORD_LANGUAGE_REQUIREMENTS"),
    ("fake_name", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "KEYWORD_INAUTHENTIC_ACCOUNTS"),
    ("extremism", "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY", "KEYWORD_TERRORIST_CONTENT"),
    ("off_topic", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "KEYWORD_OTHER"),
])
def test_rules_map_to_transparency_categories(rule, category, keyword):
    ground = grounds.ground_for(rule)
    assert ground.category == category and keyword in ground.specification
    assert ground.category in tdb.CATEGORY and set(ground.specification) <= set(tdb.CATEGORY_SPECIFICATION)


def test_every_policy_rule_has_a_ground_and_a_clause():
    for rule in RULES:
        ground = grounds.ground_for(rule)
        assert ground.rule == rule, f"{rule} has no ground in grounds.RULE_GROUNDS"
        assert ground.clause == default_policy().rules[rule].clause
        if tdb.KEYWORD_OTHER in ground.specification:
            assert ground.specification_other


def test_explanation_quotes_the_clause_of_the_sites_policy(site, make_comment):
    site.policy = {"rules": {"defamation": {"clause": "Allegations you cannot prove are not published here."}}}
    site.save()
    comment = make_comment("The mayor took bribes from the ferry company.")
    statement = actions.decline(comment, actor=admin(), rule="defamation")
    assert statement.incompatible_content_ground == "Allegations you cannot prove are not published here."
    assert statement.incompatible_content_explanation.startswith(
        'The comment terms say: "Allegations you cannot prove are not published here."')
    assert "allegation of wrongdoing" in statement.incompatible_content_explanation
    default = actions.decline(make_comment("Les ferries sont en retard."), actor=admin("second.admin"),
                              rule="not_english")
    assert default_policy().rules["not_english"].clause in default.incompatible_content_explanation


def test_a_decline_outside_the_services_still_gets_a_statement(make_comment):
    comment = make_comment("Held, then declined in the Django admin.")
    set_status(comment, Status.REJECTED, actor_label="admin", reason="Declined in the admin")
    statement = StatementOfReasons.objects.get(comment=comment)
    assert statement.action == StatementAction.DECLINE
    assert statement.automated_decision == tdb.NOT_AUTOMATED
    assert statement.category == "STATEMENT_CATEGORY_OTHER_VIOLATION_TC"
    assert statement.transparency_errors() == []


def test_services_issue_one_statement_per_decision(make_comment):
    comment = make_comment("One decision, one statement.")
    actions.decline(comment, actor=admin(), rule="off_topic")
    assert StatementOfReasons.objects.filter(comment=comment).count() == 1


def test_approving_a_declined_comment_revokes_its_statement(make_comment):
    moderator = admin()
    comment = make_comment("Declined by mistake.")
    statement = actions.decline(comment, actor=moderator, rule="off_topic")
    actions.approve(comment, actor=moderator, reason="It is about the ferry after all")
    statement.refresh_from_db()
    assert statement.revoked_at is not None and "ferry after all" in statement.revoked_reason
    assert statements.current_statement(comment) is None


def test_no_email_when_none_was_given(make_comment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement = actions.decline(make_comment("No address given."), actor=admin(), rule="off_topic")
    assert mail.outbox == [] and statement.sent_at is None


def test_validator_enforces_the_databases_rules():
    assert "decision_ground is required" in tdb.validate({})
    errors = tdb.validate({
        "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"], "decision_ground": tdb.INCOMPATIBLE_CONTENT,
        "content_type": ["CONTENT_TYPE_TEXT"], "category": "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
        "category_specification": ["KEYWORD_OTHER"], "decision_facts": "Facts.", "source_type": "SOURCE_VOLUNTARY",
        "source_identity": "A reader", "automated_detection": "Maybe", "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        "content_date": "2026-13-01", "application_date": "2026-11-02", "puid": "has spaces",
    })
    assert "incompatible_content_ground is required when the ground is incompatibility with the terms" in errors
    assert "category_specification_other is required when category_specification includes OTHER" in errors
    assert "source_identity must be left out for own-initiative decisions" in errors
    assert "automated_detection: 'Maybe' is not one of the allowed values" in errors
    assert "content_date must be a date written YYYY-MM-DD" in errors
    assert any(e.startswith("puid") for e in errors)


def test_export_has_the_batch_shape(make_comment):
    moderator = admin()
    actions.decline(make_comment("First."), actor=moderator, rule="off_topic")
    actions.delete(make_comment("Second.", status=Status.PUBLISHED), actor=moderator, rule="spam")
    exported = json.loads(statements.export_json(StatementOfReasons.objects.order_by("id")))
    assert [s["decision_visibility"] for s in exported["statements"]] == [
        ["DECISION_VISIBILITY_CONTENT_DISABLED"], ["DECISION_VISIBILITY_CONTENT_REMOVED"]]
    assert all(tdb.validate(s) == [] for s in exported["statements"])


def test_transparency_command_prints_the_report_and_the_export(make_comment):
    from io import StringIO

    from django.core.management import call_command

    actions.decline(make_comment("Declined."), actor=admin(), rule="off_topic")
    out = StringIO()
    call_command("transparency", stdout=out)
    assert json.loads(out.getvalue())["statements"]["by_rule"] == {"off_topic": 1}
    out = StringIO()
    call_command("transparency", "--statements", "--site", "gazette", stdout=out)
    [exported] = json.loads(out.getvalue())["statements"]
    assert exported["category_specification_other"] == "Not relevant to the article"
