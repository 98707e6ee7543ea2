"""Reader reports (DSA Art. 16 notices): receipt, queue, threshold back to Pending, outcome to the notifier."""

import pytest
from django.core import mail

from parley.apps.comments.models import Status
from parley.apps.moderation import actions, notices, queues, reports
from parley.apps.moderation.errors import NoticeError
from parley.apps.moderation.models import ILLEGAL, AuditEvent, Notice, NoticeStatus, StatementOfReasons
from tests.workspace import moderator


@pytest.fixture
def mod(site):
    return moderator(site)


def report(comment, n=1, **kwargs):
    values = {"rule": "personal_attack", "explanation": "It insults another reader by name.", "good_faith": True,
              "name": f"Reader {n}", "email": f"reader{n}@example.org", "ip_hash": f"hash-{n}"}
    values.update(kwargs)
    return notices.submit_notice(comment, **values)


def test_a_report_is_received_confirmed_and_queued(published, mod, django_capture_on_commit_callbacks):
    comment = published("You are an idiot, Mara.")
    with django_capture_on_commit_callbacks(execute=True):
        notice = report(comment)
    assert notice.status == NoticeStatus.OPEN and notice.good_faith
    [receipt] = mail.outbox
    assert receipt.to == ["reader1@example.org"] and "We received your report" in receipt.subject
    assert "Personal attack" in receipt.body and "insults another reader" in receipt.body
    notice.refresh_from_db()
    assert notice.receipt_sent_at is not None
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED  # one report does not take it down
    assert list(queues.queue("reported", user=mod)) == [comment]
    assert queues.queue("reported", user=mod)[0].open_reports == 1
    assert queues.counts(user=mod)["reported"] == 1
    assert AuditEvent.objects.filter(comment=comment, action="notice.received", actor_label="reader").exists()


def test_reports_need_a_reason_an_explanation_and_good_faith(published, make_comment):
    comment = published("A comment.")
    with pytest.raises(NoticeError) as error:
        report(comment, good_faith=False)
    assert error.value.field == "good_faith"
    with pytest.raises(NoticeError) as error:
        report(comment, explanation="bad")
    assert error.value.field == "explanation"
    with pytest.raises(NoticeError) as error:
        report(comment, rule="i-dont-like-it")
    assert error.value.field == "rule"
    with pytest.raises(NoticeError) as error:
        report(comment, email="not-an-address")
    assert error.value.field == "email"
    with pytest.raises(NoticeError, match="not published"):
        report(make_comment("Still pending."))
    anonymous = report(comment, name="", email="", rule=ILLEGAL, explanation="It breaks the law on threats.")
    assert anonymous.notifier_email == "" and anonymous.rule == ILLEGAL
    assert Notice.objects.count() == 1


def test_the_same_reader_cannot_report_twice(published):
    comment = published("A comment.")
    report(comment)
    with pytest.raises(NoticeError, match="already reported"):
        report(comment, ip_hash="another-network")  # same e-mail
    with pytest.raises(NoticeError, match="already reported"):
        report(comment, email="", ip_hash="hash-1")  # same network


def test_n_reports_move_a_comment_back_to_pending_and_notifiers_learn_the_outcome(
        client, article, site, published, mod, django_capture_on_commit_callbacks):
    site.reports_to_pending = 2
    site.save()
    comment = published("Mara from the ferry office is a liar and a fraud.")
    report(comment, 1, rule="defamation", explanation="It accuses a named employee of fraud.")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    report(comment, 2)
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert "liar and a fraud" not in client.get(article.get_absolute_url()).content.decode()
    event = AuditEvent.objects.get(comment=comment, to_status="pending", from_status="published")
    assert event.actor_label == "reports" and "2 reader reports" in event.reason
    assert [c.pk for c in queues.queue("pending", user=mod)] == [comment.pk]
    reported = queues.queue("pending", user=mod, filters=queues.QueueFilters(rule=queues.REPORTED))
    assert [(c.pk, c.open_reports) for c in reported] == [(comment.pk, 2)]
    assert queues.rule_counts(queues.queue("pending", user=mod))[queues.REPORTED] == 1

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        statement = actions.decline(comment, actor=mod, rule="defamation")
    assert statement.source_type == "SOURCE_ARTICLE_16" and statement.notice.notifier_name == "Reader 1"
    assert "2 reader reports" in statement.decision_facts
    assert set(Notice.objects.values_list("status", flat=True)) == {NoticeStatus.ACTIONED}
    outcomes = {m.to[0]: m for m in mail.outbox if "outcome of your report" in m.subject}
    assert set(outcomes) == {"reader1@example.org", "reader2@example.org"}
    assert "We have removed the comment you reported" in outcomes["reader1@example.org"].body
    assert "out-of-court dispute settlement" in outcomes["reader1@example.org"].body
    assert all(n.handled_by == mod and n.outcome_sent_at for n in Notice.objects.all())


def test_keeping_a_reported_comment_tells_the_notifier(published, mod, django_capture_on_commit_callbacks):
    comment = published("I disagree strongly with the council's plan.")
    report(comment, explanation="I find this opinion offensive.")
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve(comment, actor=mod, reason="Robust but fair criticism")
    notice = Notice.objects.get()
    assert notice.status == NoticeStatus.NO_ACTION and "kept it" in notice.outcome
    assert "kept it" in mail.outbox[-1].body
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert not StatementOfReasons.objects.exists()
    assert list(queues.queue("reported", user=mod)) == []


def test_a_single_report_can_be_dismissed(published, mod):
    comment = published("A comment.")
    notice = report(comment)
    notices.dismiss_notice(notice, actor=mod, message="The comment is on topic and civil.")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.NO_ACTION and "civil" in notice.outcome
    with pytest.raises(NoticeError, match="already been handled"):
        notices.dismiss_notice(notice, actor=mod)


def test_notices_in_the_transparency_report(published, mod):
    first, second = published("One."), published("Two.")
    report(first)
    report(second, rule=ILLEGAL, explanation="It threatens a named person.")
    actions.delete(second, actor=mod, rule="personal_attack")
    figures = reports.transparency_report()["notices"]
    assert figures["received"] == 2 and figures["by_reason"] == {"personal_attack": 1, ILLEGAL: 1}
    assert (figures["actioned"], figures["open"], figures["handled_by_automated_means"]) == (1, 1, 0)
    assert figures["median_handling_hours"] is not None


def test_report_reasons_list_the_sites_rules(site):
    reasons = dict(notices.notice_reasons(site))
    assert reasons["hate"] == "Racist or hateful comment" and ILLEGAL in reasons
