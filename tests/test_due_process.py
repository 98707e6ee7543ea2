"""Due process: decline with reasons, appeal within six months, decided by a person; edits, deletes, bulk actions,
restrictions on commenters, closing articles, roles and scopes."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from parley.apps.articles.models import Article, Site
from parley.apps.comments.models import Comment, CommentRevision, Status
from parley.apps.comments.services import NewComment, PostingError, post_comment
from parley.apps.moderation import actions, appeals, disclosure, queues, reports, restrictions, scopes, tdb
from parley.apps.moderation.errors import AppealError, ModerationError
from parley.apps.moderation.models import Appeal, AppealStatus, AuditEvent, CommenterRestriction, StatementAction
from parley.apps.moderation.periods import add_months
from parley.apps.moderation.permissions import (
    ADMINS,
    ANALYSTS,
    MODERATORS,
    can_moderate,
    can_take_down,
    can_view_reports,
    moderated_sites,
)
from tests.workspace import admin, analyst, moderator


@pytest.fixture
def other_site(db):
    return Site.objects.create(slug="courier", name="The Valley Courier", domains=["courier.example"])


@pytest.fixture
def mod(site):
    return moderator(site)


def post(article, text, *, name="Lena Fischer", email="lena@example.org"):
    return post_comment(article, NewComment(author_name=name, text=text, email=email,
                                            accepted_terms=article.site.current_terms))


# --- the whole path

def test_hold_decline_statement_appeal_reversal_republishes(article, mod, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(article, "The island people should all go back where they came from.")
    assert comment.status == Status.PENDING  # held by pre-moderation

    with django_capture_on_commit_callbacks(execute=True):
        statement = actions.decline(comment, actor=mod, rule="hate", message="We do not publish this.")
    comment.refresh_from_db()
    assert comment.status == Status.REJECTED
    assert statement.action == StatementAction.DECLINE and statement.decided_by == mod
    data = statement.to_transparency_json()
    assert data["category"] == "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
    assert data["category_specification"] == ["KEYWORD_HATE_SPEECH"]
    assert data["automated_decision"] == tdb.NOT_AUTOMATED and data["automated_detection"] == "No"
    assert "The publisher may decline racist comments." in data["incompatible_content_explanation"]
    assert tdb.validate(data) == []
    [to_commenter] = mail.outbox
    assert to_commenter.to == ["lena@example.org"] and "We do not publish this." in to_commenter.body

    with django_capture_on_commit_callbacks(execute=True):
        appeal = appeals.file_appeal(statement, explanation="I was quoting a politician to criticise him.")
    assert appeal.status == AppealStatus.OPEN and appeal.appellant_email == "lena@example.org"
    assert "We received your appeal" in mail.outbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        decided = appeals.decide_appeal(appeal, actor=mod, outcome="reversed",
                                        answer="Read in context, the comment criticises the quoted remark.")
    comment.refresh_from_db()
    statement.refresh_from_db()
    assert comment.status == Status.PUBLISHED and comment.published_at is not None
    assert statement.revoked_at is not None and statement.revoked_reason.startswith("Reversed on appeal")
    assert (decided.decided_by, decided.status) == (mod, AppealStatus.REVERSED)
    answer = mail.outbox[-1]
    assert answer.to == ["lena@example.org"] and "We have reversed our decision." in answer.body
    assert "criticises the quoted remark" in answer.body
    assert AuditEvent.objects.filter(comment=comment, action="appeal.decided", actor=mod).exists()
    assert AuditEvent.objects.filter(comment=comment, to_status="published", actor=mod).exists()


def test_appeal_upheld_keeps_the_decision_and_explains(article, mod, make_comment,
                                                       django_capture_on_commit_callbacks):
    comment = post(article, "Buy cheap ferry tickets at tickets.example!")
    statement = actions.decline(comment, actor=mod, rule="spam")
    appeal = appeals.file_appeal(statement, explanation="It was helpful information.")
    with django_capture_on_commit_callbacks(execute=True):
        appeals.decide_appeal(appeal, actor=mod, outcome="upheld",
                              answer="The comment advertises a ticket reseller, which the terms do not allow.")
    comment.refresh_from_db()
    assert comment.status == Status.REJECTED
    assert "We have kept our decision" in mail.outbox[-1].body
    assert "out-of-court dispute settlement" in mail.outbox[-1].body
    with pytest.raises(AppealError, match="already reviewed on appeal"):
        appeals.file_appeal(statement, explanation="Again, please.")


def test_appeal_after_six_months_is_refused_with_a_clear_error(make_comment, mod):
    statement = actions.decline(make_comment("Off topic musings."), actor=mod, rule="off_topic")
    last_day = statement.appeal_deadline
    assert last_day == add_months(statement.created_at, 6)
    appeals.file_appeal(statement, explanation="Still within the window.", now=last_day)  # the last moment counts
    Appeal.objects.all().delete()
    with pytest.raises(AppealError) as error:
        appeals.file_appeal(statement, explanation="Too late now.", now=last_day + timedelta(seconds=1))
    assert "six months for appealing this decision ended on" in error.value.message
    assert "out-of-court dispute settlement" in error.value.message


def test_six_months_are_calendar_months():
    moment = datetime(2026, 8, 31, 12, 0, tzinfo=UTC)
    assert add_months(moment, 6) == datetime(2027, 2, 28, 12, 0, tzinfo=UTC)
    assert add_months(datetime(2026, 1, 15, tzinfo=UTC), 6).month == 7


def test_appeals_are_never_decided_automatically(make_comment, mod):
    statement = actions.decline(make_comment("Decline me."), actor=mod, rule="off_topic")
    appeal = appeals.file_appeal(statement, explanation="Please look again.")
    for nobody in (None, AnonymousUser()):
        with pytest.raises(AppealError, match="decided by a person"):
            appeals.decide_appeal(appeal, actor=nobody, outcome="reversed", answer="An automatic answer here.")
    with pytest.raises(AppealError, match="reasoned answer"):
        appeals.decide_appeal(appeal, actor=mod, outcome="upheld", answer="No.")
    # Even bypassing the service, the database refuses a decided appeal without a person and an answer.
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.filter(pk=appeal.pk).update(status=AppealStatus.UPHELD, decided_at=timezone.now())
    appeal.refresh_from_db()
    assert appeal.is_open


def test_only_moderators_of_the_site_decide_appeals(make_comment, mod, other_site):
    statement = actions.decline(make_comment("Decline me."), actor=mod, rule="off_topic")
    appeal = appeals.file_appeal(statement, explanation="Please look again.")
    elsewhere = moderator(other_site, username="jon.elsewhere")
    with pytest.raises(PermissionDenied):
        appeals.decide_appeal(appeal, actor=elsewhere, outcome="reversed", answer="Reversed by the wrong person.")
    with pytest.raises(PermissionDenied):
        appeals.decide_appeal(appeal, actor=analyst(), outcome="reversed", answer="Reversed by the wrong person.")


def test_one_appeal_at_a_time(make_comment, mod):
    statement = actions.decline(make_comment("Decline me."), actor=mod, rule="off_topic")
    appeals.file_appeal(statement, explanation="First appeal.")
    with pytest.raises(AppealError, match="already appealed"):
        appeals.file_appeal(statement, explanation="Second appeal.")


# --- actions

def test_edit_creates_a_revision_and_labels_the_comment(client, article, published, mod):
    comment = published("The harbour master is a thief and a liar.")
    revision = actions.edit(comment, "The harbour master's figures do not add up.", actor=mod,
                            reason="Removed an unproven allegation")
    comment.refresh_from_db()
    assert comment.edited_by_moderator and revision.number == 2 and revision.editor == mod
    first = CommentRevision.objects.get(comment=comment, number=1)
    diff = actions.diff_revisions(first, revision)
    deleted = [p.text for p in diff if p.op == "delete"]
    inserted = [p.text for p in diff if p.op == "insert"]
    assert next(p.text for p in diff if p.op == "equal") == "The harbour master"
    assert len(deleted) == 1 and "is a thief and a liar" in deleted[0]
    assert len(inserted) == 1 and "'s figures do not add up" in inserted[0]
    assert "+The harbour master's figures do not add up." in actions.unified_diff(first, revision)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "edited by the moderators" in page and "thief" not in page
    with pytest.raises(ModerationError):
        actions.edit(comment, "   ", actor=mod)


def test_delete_is_soft_with_a_statement(client, article, published, mod):
    comment = published("Spam spam spam at spam.example.")
    statement = actions.delete(comment, actor=mod, rule="spam")
    comment.refresh_from_db()
    assert comment.status == Status.DELETED and comment.body_markdown.startswith("Spam spam")
    assert statement.decision_visibility == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert "spam.example" not in client.get(article.get_absolute_url()).content.decode()
    with pytest.raises(ModerationError, match="already deleted"):
        actions.delete(comment, actor=mod, rule="spam")


def test_decline_needs_a_rule_of_the_terms(make_comment, mod):
    with pytest.raises(ModerationError) as error:
        actions.decline(make_comment("No rule given."), actor=mod, rule="because")
    assert error.value.field == "rule"


def test_bulk_approve_and_decline_skip_what_they_cannot_do(make_comment, mod, other_site):
    first, second = make_comment("First pending."), make_comment("Second pending.")
    foreign_article = Article.objects.create(site=other_site, external_id="x1", url="https://courier.example/x1",
                                             title="Elsewhere")
    foreign = make_comment("On another site.", on=foreign_article)
    result = actions.bulk_approve([first.pk, foreign.pk], actor=mod)
    assert result.done == [first.pk] and foreign.pk in result.skipped
    result = actions.bulk_decline([first.pk, second.pk], actor=mod, rule="off_topic")
    assert result.done == [first.pk, second.pk]
    assert set(Comment.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {"rejected"}
    result = actions.bulk_decline([first.pk], actor=mod, rule="off_topic")
    assert result.skipped == {first.pk: "This comment is already declined."}


def test_close_and_reopen_an_articles_comments(article, mod):
    actions.close_comments(article, actor=mod, reason="Legal proceedings are under way.")
    article.refresh_from_db()
    assert article.closed_because() == "Legal proceedings are under way."
    with pytest.raises(PostingError):
        post(article, "Can I still comment?")
    actions.reopen_comments(article, actor=mod)
    article.refresh_from_db()
    assert article.comments_open
    assert list(AuditEvent.objects.filter(article=article, action__startswith="article.")
                .values_list("action", flat=True)) == ["article.comments_reopened", "article.comments_closed"]
    article.close_after_days = 0
    article.save()
    actions.close_comments(article, actor=mod)
    with pytest.raises(ModerationError, match="closing time"):
        actions.reopen_comments(article, actor=mod)


# --- commenters

def test_ban_blocks_posting_and_lifting_keeps_history(article, mod, django_capture_on_commit_callbacks):
    comment = post(article, "First comment.")
    with django_capture_on_commit_callbacks(execute=True):
        ban = restrictions.ban(comment.commenter, actor=mod, duration=timedelta(days=7), rule="personal_attack",
                               reason="Repeated attacks on other readers.", comment=comment)
    assert ban.statement.action == StatementAction.BAN
    assert ban.statement.decision_provision == "DECISION_PROVISION_TOTAL_SUSPENSION"
    assert ban.statement.transparency_errors() == []
    assert "You can no longer comment" in mail.outbox[-1].body
    with pytest.raises(PostingError) as error:
        post(article, "Trying again.")
    assert "cannot comment on The Harbour Gazette until" in error.value.message
    restrictions.lift(ban, actor=mod, reason="Apologised to the moderators.")
    assert post(article, "Back again, politely.").status == Status.PENDING
    history = list(restrictions.history(comment.commenter))
    assert len(history) == 1 and history[0].lifted_at is not None and history[0].lifted_by == mod
    assert AuditEvent.objects.filter(action="commenter.banned").exists()
    assert AuditEvent.objects.filter(action="commenter.restriction_lifted").exists()


def test_a_ban_ends_by_itself(article, mod):
    comment = post(article, "First comment.")
    ban = restrictions.ban(comment.commenter, actor=mod, duration=timedelta(days=1), reason="Cooling off.")
    assert CommenterRestriction.objects.active_for(comment.commenter) == ban
    assert CommenterRestriction.objects.active_for(comment.commenter, now=ban.until + timedelta(seconds=1)) is None


def test_a_ban_reversed_on_appeal_is_lifted(article, mod):
    comment = post(article, "First comment.")
    ban = restrictions.ban(comment.commenter, actor=mod, duration=None, reason="Looked like a spam account.")
    assert ban.statement.decision_provision == "DECISION_PROVISION_TOTAL_TERMINATION"
    appeal = appeals.file_appeal(ban.statement, explanation="I am a real reader.")
    appeals.decide_appeal(appeal, actor=mod, outcome="reversed", answer="You are a real reader; sorry about that.")
    assert CommenterRestriction.objects.active_for(comment.commenter) is None
    post(article, "Thank you.")


def test_premoderation_holds_what_would_be_published(settings, article, mod):
    settings.PARLEY_MODERATOR = "tests.workspace.publish_all"
    article.site.moderation_mode = "post"
    article.site.save()
    first = post(article, "A fine first comment.")
    assert first.status == Status.PUBLISHED
    restrictions.premoderate(first.commenter, actor=mod, duration=timedelta(days=30), reason="Borderline lately.")
    held = post(article, "Another comment.")
    assert held.status == Status.PENDING
    assert held.verdict["rules"] == ["premoderated_commenter"]
    other = post(article, "Someone else.", name="Priya Raman", email="priya@example.org")
    assert other.status == Status.PUBLISHED


def test_restrictions_need_the_right_and_a_reason(article, mod, other_site):
    commenter = post(article, "First comment.").commenter
    with pytest.raises(ModerationError, match="Say why"):
        restrictions.ban(commenter, actor=mod, duration=None, reason=" ")
    with pytest.raises(PermissionDenied):
        restrictions.ban(commenter, actor=moderator(other_site, username="jon.elsewhere"), duration=None,
                         reason="Not my site.")
    assert restrictions.parse_duration("7d") == timedelta(days=7)
    with pytest.raises(ModerationError):
        restrictions.parse_duration("forever-and-ever")


# --- roles and scopes

def test_roles_are_groups_with_permissions(site, other_site):
    assert set(Group.objects.values_list("name", flat=True)) >= {ADMINS, MODERATORS, ANALYSTS}
    boss, mod, reader = admin(), moderator(site), analyst()
    assert can_moderate(boss, other_site) and can_take_down(boss) and can_view_reports(boss)
    assert can_moderate(mod, site) and not can_moderate(mod, other_site)
    assert not can_take_down(mod) and not can_view_reports(mod)
    assert can_view_reports(reader) and not can_moderate(reader, site)
    assert list(moderated_sites(mod)) == [site] and set(moderated_sites(boss)) == {site, other_site}
    assert not can_moderate(AnonymousUser(), site)
    boss.is_active = False
    assert not can_moderate(boss, site)


def test_moderators_act_only_on_their_sites(make_comment, other_site):
    comment = make_comment("On the Gazette.")
    outsider = moderator(other_site, username="jon.elsewhere")
    for act in (lambda: actions.approve(comment, actor=outsider),
                lambda: actions.decline(comment, actor=outsider, rule="spam"),
                lambda: actions.edit(comment, "New text", actor=outsider)):
        with pytest.raises(PermissionDenied):
            act()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_queues_filters_and_counts(settings, article, mod, make_comment):
    settings.PARLEY_MODERATOR = "tests.workspace.hold_as_hate"
    hateful = make_comment("Those people ruin the island.")
    settings.PARLEY_MODERATOR = "parley.moderation.hold_all"
    plain = make_comment("Pre-moderated, nothing flagged.", name="Noor Haddad")
    make_comment("Already out.", status=Status.PUBLISHED)
    pending = queues.queue("pending", user=mod)
    assert list(pending) == [hateful, plain]
    assert list(queues.queue("pending", user=mod, filters=queues.QueueFilters(rule="hate"))) == [hateful]
    assert list(queues.queue("pending", user=mod, filters=queues.QueueFilters(score_min=0.7, score_max=0.9))) == [hateful]
    assert list(queues.queue("pending", user=mod, filters=queues.QueueFilters(q="nothing flagged"))) == [plain]
    assert queues.rule_counts(pending) == {"hate": 1, "pre_moderation": 1}
    assert queues.counts(user=mod) == {"pending": 2, "reported": 0, "published": 1, "rejected": 0, "deleted": 0}
    assert queues.queue("pending", user=analyst()).count() == 0


def test_dashboard_and_transparency_report(settings, post_mode_article, mod, django_capture_on_commit_callbacks):
    settings.PARLEY_MODERATOR = "tests.workspace.reject_as_spam"
    automatic = post(post_mode_article, "Shop now at shop.example.")
    settings.PARLEY_MODERATOR = "tests.workspace.hold_as_hate"
    held = post(post_mode_article, "Those people again.", name="Sam Okoro", email="")
    actions.decline(held, actor=mod, rule="hate")
    actions.approve(automatic, actor=mod, reason="A local shop the article mentions.")  # overturns the engine
    figures = reports.decisions()
    assert (figures["automatic"], figures["human"]) == (1, 2)
    assert figures["automatic_overturned"] == 1 and figures["overturn_rate"] == 1.0
    assert figures["median_hours_to_decision"]["human"] is not None
    report = reports.transparency_report()
    assert report["statements"]["total"] == 2
    assert report["statements"]["by_rule"] == {"spam": 1, "hate": 1}
    assert report["statements"]["automated_decision"] == {tdb.AUTOMATED_FULLY: 1, tdb.NOT_AUTOMATED: 1}
    assert report["automated_statements_reversed"] == {"automated": 1, "reversed": 1, "rate": 1.0}
    board = reports.dashboard()
    today = timezone.localdate().isoformat()
    assert board["volumes"]["by_status"][today] == {"published": 1, "rejected": 1}
    assert board["volumes"]["by_rule"][today] == {"spam": 1, "hate": 1}


@pytest.fixture
def post_mode_article(article):
    article.site.moderation_mode = "post"
    article.site.save()
    return article


def test_admins_give_moderators_their_sites(site, other_site):
    boss, mod = admin(), moderator(site)
    with pytest.raises(PermissionDenied):
        scopes.grant_site(mod, other_site, actor=mod)
    scopes.grant_site(mod, other_site, actor=boss)
    assert can_moderate(mod, other_site)
    assert scopes.revoke_site(mod, other_site, actor=boss)
    assert not can_moderate(mod, other_site)
    assert list(AuditEvent.objects.filter(action__startswith="moderator.").values_list("action", flat=True)) == [
        "moderator.site_revoked", "moderator.site_granted"]


def test_the_terms_say_how_moderation_works(site):
    site.reports_to_pending = 5
    site.policy = {"rules": {"defamation": {"reject": 0.99}, "off_topic": {"enabled": False}}}
    text = disclosure.as_markdown(site)
    assert "## Human review" in text and "never automatically" in text
    assert "When 5 people report a comment" in text
    assert "- Possibly defamatory allegation: \u201cThe publisher may decline defamatory comments.\u201d" in text
    automatic = next(p for p in text.split("\n\n") if p.startswith("When a check is very sure"))
    assert "Possibly defamatory allegation" in automatic and "Not about this article" not in text
    assert "a moderator reads every comment before it is published" in text
