"""The public side of due process: the statement of reasons on the commenter's status page (DSA Art. 17),
appeals from it (Art. 20), reader reports from every published comment (Art. 16) and the terms page that says
how moderation works (Art. 14)."""

import re
import time
from datetime import timedelta
from html import unescape
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from parley.apps.comments.links import status_token
from parley.apps.comments.models import Status
from parley.apps.comments.services import set_status
from parley.apps.moderation import actions, appeals, notices, takedown
from parley.apps.moderation.models import Appeal, AppealStatus, AuditEvent, Notice, StatementOfReasons
from parley.apps.moderation.views.public import notice_token
from tests import workspace
from tests.workspace import admin, moderator, post_as_reader


@pytest.fixture
def mod(site):
    return moderator(site)

post_mode = workspace.post_mode  # a fixture: the article on a post-moderated site


def post(article, text, *, name="Ilse Vandamme", email="ilse@example.org"):
    return post_as_reader(article, text, name=name, email=email)


def text_of(response) -> str:
    """The page's text, tags removed and whitespace collapsed, for reading sentences across markup."""
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def status_page(client, comment):
    return client.get(reverse("comments:status", args=[status_token(comment)]))


def appeal_url(comment) -> str:
    return reverse("due_process:appeal", args=[status_token(comment)])


def report_url(comment) -> str:
    return reverse("due_process:report", args=[comment.pk])


def report_data(**overrides):
    return {"rule": "personal_attack", "explanation": "It calls another reader an idiot by name.",
            "name": "Pieter Claes", "email": "pieter@example.org", "good_faith": "on", **overrides}


def assert_noindex(response):
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex' in response.content.decode()


# --- the statement of reasons on the status page

def test_status_page_shows_every_element_of_an_automated_decline(client, settings, post_mode):
    settings.PARLEY_MODERATOR = "tests.workspace.reject_as_spam"
    comment = post(post_mode, "Cheap watches at shop.example, buy now!")
    assert comment.status == Status.REJECTED
    statement = StatementOfReasons.objects.get(comment=comment)

    token = status_token(comment)
    response = client.get(reverse("comments:status", args=[token]))
    assert response.status_code == 200
    assert_noindex(response)
    page = text_of(response)
    # (a) what was decided and its scope
    assert "Your comment was not published: it is not shown anywhere on this site" in page
    assert "the decision has no end date" in page
    # (b) the facts relied on
    assert "This looks like advertising for a shop." in page and "without review by a person" in page
    # (c) automated means: detected and decided
    assert "Detected by automated means: yes" in page
    assert "Decided by automated means: yes, without a person" in page
    assert "the decision was taken automatically, without a person reviewing it" in page
    # (e) the terms clause, with the explanation
    assert "Spam or advertising" in page
    assert "“The publisher may decline irrelevant comments.”" in page
    assert "The comment is advertising or spam, not a contribution to the discussion." in page
    assert f'href="{statement.decision_ground_reference_url}"' in response.content.decode()
    # (f) redress: the appeal form, the deadline, out-of-court settlement
    assert f'href="{reverse("due_process:appeal", args=[token])}"' in response.content.decode()
    assert f"until {timezone.localtime(statement.appeal_deadline):%-d %B %Y}" in page
    assert "out-of-court dispute settlement body" in page
    assert statement.puid in page
    assert "Cheap watches" in page  # the commenter still sees what they wrote


def test_status_page_of_a_comment_held_by_a_check_and_declined_by_a_moderator(client, settings, article, mod):
    settings.PARLEY_MODERATOR = "tests.workspace.hold_as_hate"
    comment = post(article, "The island people should all go back where they came from.")
    assert comment.status == Status.PENDING
    actions.decline(comment, actor=mod, rule="hate", message="We do not publish this, even as a joke.")

    page = text_of(status_page(client, comment))
    assert "Your comment was not published: it is not shown anywhere on this site" in page
    assert "Detected by automated means: yes" in page
    assert "Decided by automated means: no, by a moderator" in page
    assert "A moderator reviewed it and declined it under the rule “Racist or hateful comment”" in page
    assert "This may attack people for their origin." in page  # the check's finding is among the facts
    assert "“The publisher may decline racist comments.”" in page
    assert "demeans or attacks people because of their race" in page
    assert "A note from the moderators We do not publish this, even as a joke." in page
    assert "Appeal this decision" in page


def test_status_page_of_a_moderators_own_decision_and_of_a_delete(client, published, make_comment, mod):
    declined = make_comment("You are a fool, Mara.")
    actions.decline(declined, actor=mod, rule="personal_attack")
    page = text_of(status_page(client, declined))
    assert "Detected by automated means: no" in page and "Decided by automated means: no, by a moderator" in page
    assert "“The publisher may decline personal comments.”" in page
    assert "A note from the moderators" not in page

    removed = published("The harbour master takes bribes, everyone knows it.")
    actions.delete(removed, actor=mod, rule="defamation", message="We cannot verify this allegation.")
    page = text_of(status_page(client, removed))
    assert "Your comment has been removed." in page
    assert "Your comment was removed: it is no longer shown anywhere on this site" in page
    assert "“The publisher may decline defamatory comments.”" in page
    assert "We cannot verify this allegation." in page


def test_a_taken_down_comment_is_never_shown_again_not_even_to_its_author(client, published):
    comment = published("Join the armed struggle, attack the harbour tonight.")
    takedown.take_down(str(comment.pk), actor=admin(), reason="Removal order for terrorist content",
                       order_reference="RO-2026-0042", authority="National police")

    response = status_page(client, comment)
    page = text_of(response)
    assert response.status_code == 200
    assert "armed struggle" not in response.content.decode()
    assert "removed under our emergency take-down procedure" in page
    assert "removed under a legal order" in page
    assert "Regulation (EU) 2021/784" in page and "RO-2026-0042" in page
    assert "Removal order for terrorist content" in page
    appeal_page = client.get(appeal_url(comment))
    assert appeal_page.status_code == 200 and "armed struggle" not in appeal_page.content.decode()


def test_pending_and_published_comments_show_no_statement(client, make_comment, published):
    pending = text_of(status_page(client, make_comment("Waiting for the editors.")))
    assert "waiting for a moderator" in pending and "Statement of reasons" not in pending
    shown = text_of(status_page(client, published("Glad the ferry is back.")))
    assert "Your comment is published." in shown and "Statement of reasons" not in shown


def test_an_older_status_link_still_works_while_a_decision_can_be_appealed(client, make_comment, mod):
    declined = make_comment("You are a fool, Mara.")
    waiting = make_comment("Waiting for the editors.")
    forty_days_ago = time.time() - 40 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=forty_days_ago):
        old_declined, old_waiting = status_token(declined), status_token(waiting)
    actions.decline(declined, actor=mod, rule="personal_attack")

    assert client.get(reverse("comments:status", args=[old_waiting])).status_code == 400  # the usual 30 days
    assert client.get(reverse("comments:status", args=[old_declined])).status_code == 200
    assert client.get(reverse("due_process:appeal", args=[old_declined])).status_code == 200


# --- appeals

def test_appeal_from_the_status_page_to_the_answer(client, make_comment, mod, django_capture_on_commit_callbacks):
    comment = make_comment("You are a fool, Mara.")
    actions.decline(comment, actor=mod, rule="personal_attack")
    url = appeal_url(comment)

    form = client.get(url)
    assert form.status_code == 200
    assert_noindex(form)
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert "free of charge" in text_of(form)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"explanation": "I was quoting Mara's own words back to her.",
                                     "name": "Mara Okafor", "email": "mara@example.org"})
    assert response.status_code == 302
    assert resolve(response["Location"]).url_name == "appeal_received"
    filed = Appeal.objects.get()
    assert (filed.status, filed.appellant_email, filed.appellant_name) == ("open", "mara@example.org", "Mara Okafor")
    assert AuditEvent.objects.filter(action="appeal.filed", comment=comment).exists()
    [receipt] = mail.outbox
    assert receipt.to == ["mara@example.org"] and "We received your appeal" in receipt.subject

    received = client.get(response["Location"])
    assert received.status_code == 200
    assert_noindex(received)
    assert "We received your appeal" in text_of(received) and "e-mail you the outcome" in text_of(received)

    page = text_of(status_page(client, comment))
    assert "Your appeal is waiting for review" in page
    assert "I was quoting Mara's own words back to her." in page
    assert "Appeal this decision" not in page

    appeals.decide_appeal(filed, actor=mod, outcome=AppealStatus.UPHELD,
                          answer="Quoted or not, the comment calls a reader a fool; the decision stands.")
    page = text_of(status_page(client, comment))
    assert "we kept our decision" in page
    assert "the comment calls a reader a fool; the decision stands." in page
    assert "Statement of reasons" in page  # the decision is still in force


def test_a_reversed_appeal_shows_on_the_republished_comment(client, make_comment, mod):
    comment = make_comment("The timetable is a disgrace.")
    actions.decline(comment, actor=mod, rule="personal_attack")
    client.post(appeal_url(comment), {"explanation": "It criticises a timetable, not a person."})
    appeals.decide_appeal(Appeal.objects.get(), actor=mod, outcome=AppealStatus.REVERSED,
                          answer="You are right: it criticises the timetable, not a person.")
    page = text_of(status_page(client, comment))
    assert "Your comment is published." in page
    assert "we reversed our decision" in page and "it criticises the timetable, not a person." in page


def test_appeal_after_six_months_is_refused_with_a_clear_message(client, make_comment, mod):
    comment = make_comment("You are a fool, Mara.")
    statement = actions.decline(comment, actor=mod, rule="personal_attack")
    StatementOfReasons.objects.filter(pk=statement.pk).update(created_at=timezone.now() - timedelta(days=200))

    form = client.get(appeal_url(comment))
    assert form.status_code == 200
    assert "The six months for appealing this decision ended" in text_of(form)
    assert "<textarea" not in form.content.decode()
    assert "The six months for appealing this decision ended" in text_of(status_page(client, comment))

    response = client.post(appeal_url(comment), {"explanation": "I only just saw the e-mail."})
    assert response.status_code == 400
    assert "The six months for appealing this decision ended" in text_of(response)
    assert "out-of-court dispute settlement body" in text_of(response)
    assert not Appeal.objects.exists()


def test_a_second_appeal_is_refused(client, make_comment, mod):
    comment = make_comment("You are a fool, Mara.")
    actions.decline(comment, actor=mod, rule="personal_attack")
    assert client.post(appeal_url(comment), {"explanation": "Please look again."}).status_code == 302
    again = client.post(appeal_url(comment), {"explanation": "Please look again, again."})
    assert again.status_code == 400
    assert "You have already appealed this decision" in text_of(again)
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"explanation": ""}, "Please say why you think the decision is wrong."),
    ({"explanation": "   \n  "}, "Please say why you think the decision is wrong."),
    ({"explanation": "x" * 5001}, "Please keep your explanation under 5000 characters."),
    ({"explanation": "Please look again.", "email": "not an address"}, "Please give a valid e-mail address"),
    ({"explanation": "Please look again.", "website": "http://spam.example"}, "filled in automatically"),
])
def test_appeal_form_errors(client, make_comment, mod, data, message):
    comment = make_comment("You are a fool, Mara.")
    actions.decline(comment, actor=mod, rule="personal_attack")
    response = client.post(appeal_url(comment), data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert "<textarea" in response.content.decode()  # the form is shown again
    assert not Appeal.objects.exists()


def test_nothing_to_appeal_and_bad_links(client, published):
    comment = published("Glad the ferry is back.")
    response = client.get(appeal_url(comment))
    assert response.status_code == 404 and "no decision on this comment to appeal" in text_of(response)
    assert client.post(appeal_url(comment), {"explanation": "Why?"}).status_code == 404
    assert client.get("/status/not-a-token/appeal/").status_code == 400
    assert client.post("/status/not-a-token/appeal/", {"explanation": "x"}).status_code == 400
    assert client.get("/status/not-a-token/appeal/received/").status_code == 400
    # No appeal filed yet: the confirmation page leads to the form.
    declined = published("Another comment.")
    set_status(declined, Status.REJECTED, actor_label="test")
    received = client.get(reverse("due_process:appeal_received", args=[status_token(declined)]))
    assert received.status_code == 302 and resolve(received["Location"]).url_name == "appeal"


# --- reader reports

def test_report_link_on_every_published_comment_of_the_thread(client, article, published, make_comment):
    first = published("The ferry timetable finally suits commuters.")
    reply = published("Agreed, the early boat matters most.", parent=first, name="Jonas Berg")
    waiting = make_comment("Still waiting for a moderator.")
    html = client.get(article.get_absolute_url()).content.decode()
    for comment in (first, reply):
        assert f'href="{report_url(comment)}"' in html
    assert f'href="{report_url(waiting)}"' not in html
    assert html.count('class="parley-report"') == 2
    # the comment's own page too, and on an article whose comments are closed
    assert f'href="{report_url(reply)}"' in client.get(reply.get_absolute_url()).content.decode()
    article.comments_closed = True
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{report_url(first)}"' in html and "parley-reply" not in html


def test_report_link_in_the_embed_fragment(client, article, published):
    first = published("The ferry timetable finally suits commuters.")
    reply = published("Agreed, the early boat matters most.", parent=first, name="Jonas Berg")
    html = client.get("/embed/fragment/", {"site": article.site.slug, "article": article.external_id})
    html = html.content.decode()
    for comment in (first, reply):
        link = re.search(rf'<a class="parley-report" href="http://testserver{report_url(comment)}"[^>]*>', html)
        assert link and 'target="_blank"' in link.group(0) and "nofollow" in link.group(0)


def test_report_form_lists_the_sites_reasons_and_is_not_indexed(client, site, published):
    comment = published("You are an idiot, Mara.")
    response = client.get(report_url(comment))
    assert response.status_code == 200
    assert_noindex(response)
    html = response.content.decode()
    assert "csrfmiddlewaretoken" in html and "You are an idiot, Mara." in html
    for value, label in notices.notice_reasons(site):
        assert f'<option value="{value}">{label}</option>' in unescape(html)
    assert "Illegal content (say which law it breaks)" in html
    assert 'name="good_faith"' in html and "in good faith" in html


def test_report_is_received_confirmed_and_emailed(client, published, django_capture_on_commit_callbacks):
    comment = published("You are an idiot, Mara.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url(comment), report_data(), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert resolve(response["Location"]).url_name == "report_received"
    assert (notice.rule, notice.notifier_email, notice.good_faith) == ("personal_attack", "pieter@example.org", True)
    assert notice.ip_hash and "198.51.100.7" not in notice.ip_hash
    assert AuditEvent.objects.filter(action="notice.received", comment=comment).exists()
    [receipt] = mail.outbox
    assert receipt.to == ["pieter@example.org"] and "We received your report" in receipt.subject

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert_noindex(thanks)
    page = text_of(thanks)
    assert "Thank you: we received your report" in page and "Personal attack" in page
    assert "We have sent a confirmation to the e-mail address you gave" in page
    assert "Waiting for review" in page

    # Later the same page shows the outcome.
    notices.close_notices(comment, actioned=False)
    assert "We have reviewed the comment you reported and kept it" in text_of(client.get(response["Location"]))


def test_an_anonymous_report_for_illegal_content(client, published, django_capture_on_commit_callbacks):
    comment = published("A threat against the ferry captain.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url(comment), report_data(
            rule="illegal", name="", email="", explanation="It threatens a named person, which is a crime."))
    assert response.status_code == 302
    assert Notice.objects.get().rule == "illegal" and not mail.outbox
    assert "cannot tell you the outcome by e-mail" in text_of(client.get(response["Location"]))


@pytest.mark.parametrize(("overrides", "message"), [
    ({"good_faith": ""}, "Please confirm that your report is accurate and made in good faith."),
    ({"explanation": "bad"}, "Please explain in a sentence or two why the comment should be removed."),
    ({"explanation": ""}, "Please explain in a sentence or two why the comment should be removed."),
    ({"rule": "i-dont-like-it"}, "Please choose why you are reporting this comment."),
    ({"rule": ""}, "Please choose why you are reporting this comment."),
    ({"email": "not-an-address"}, "Please give a valid e-mail address, or leave it empty."),
    ({"website": "http://spam.example"}, "filled in automatically"),
])
def test_report_form_errors(client, published, overrides, message):
    comment = published("You are an idiot, Mara.")
    response = client.post(report_url(comment), report_data(**overrides))
    assert response.status_code == 400
    assert message in text_of(response)
    assert not Notice.objects.exists()


def test_the_same_reader_cannot_report_twice(client, published):
    comment = published("You are an idiot, Mara.")
    assert client.post(report_url(comment), report_data()).status_code == 302
    again = client.post(report_url(comment), report_data(email="other@example.org"))  # same network
    assert again.status_code == 400 and "You have already reported this comment." in text_of(again)
    assert Notice.objects.count() == 1


def test_reports_are_rate_limited_per_network(client, published):
    comments = [published(f"Comment number {n} about the ferry.", name=f"Reader {n}") for n in range(12)]
    for comment in comments[:notices.REPORTS_PER_HOUR]:
        assert client.post(report_url(comment), report_data(email=""), REMOTE_ADDR="203.0.113.5").status_code == 302
    limited = client.post(report_url(comments[10]), report_data(email=""), REMOTE_ADDR="203.0.113.5")
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 3600
    assert "You have sent 10 reports in the last hour" in text_of(limited)
    assert "<form" not in limited.content.decode()
    assert Notice.objects.count() == notices.REPORTS_PER_HOUR
    # Another network is not affected.
    assert client.post(report_url(comments[11]), report_data(email=""), REMOTE_ADDR="203.0.113.6").status_code == 302


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.DELETED])
def test_only_published_comments_can_be_reported(client, make_comment, status):
    comment = make_comment("Not on the page.", status=status)
    assert client.get(report_url(comment)).status_code == 404
    assert client.post(report_url(comment), report_data()).status_code == 404
    assert not Notice.objects.exists()


def test_report_form_needs_csrf(published):
    comment = published("You are an idiot, Mara.")
    response = Client(enforce_csrf_checks=True).post(report_url(comment), report_data())
    assert response.status_code == 403
    assert not Notice.objects.exists()


def test_garbage_input_is_never_a_server_error(client, published, make_comment, mod):
    comment = published("You are an idiot, Mara.")
    garbage = {"rule": "x" * 10000, "explanation": "\x00" * 20, "name": "n" * 1000, "email": "@@" * 200,
               "good_faith": "perhaps", "website": ""}
    assert client.post(report_url(comment), garbage).status_code == 400
    assert client.post(report_url(comment), {"explanation": ["a", "b"]}).status_code == 400
    raw = b"rule=%ff%fe&explanation=\xff\xfe\xfd+broken+bytes&good_faith=on"
    assert client.post(report_url(comment), raw, content_type="application/x-www-form-urlencoded").status_code == 400
    assert client.post(report_url(comment), b"\xff\xfe", content_type="application/octet-stream").status_code == 400
    assert client.get("/comments/99999999999999999999999/report/").status_code == 404
    assert client.get("/comments/0/report/").status_code == 404
    assert client.get("/reports/not-a-token/").status_code == 400
    missing = notice_token(Notice(pk=987654))
    assert client.get(reverse("due_process:report_received", args=[missing])).status_code == 404
    assert client.put(report_url(comment)).status_code == 405
    declined = make_comment("You are a fool, Mara.")
    actions.decline(declined, actor=mod, rule="personal_attack")
    assert client.post(appeal_url(declined), {"explanation": "\x00\x00", "email": "x" * 500}).status_code == 400
    assert not Notice.objects.exists() and not Appeal.objects.exists()


# --- the terms say how moderation works (Art. 14)

def test_terms_page_describes_automated_moderation_human_review_and_appeals(client, site):
    response = client.get(site.get_terms_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Be civil. Use your real name. Write in English." in page  # the site's own terms first
    assert page.index("Be civil.") < page.index("How comments are moderated")
    for heading in ("How comments are moderated", "Human review", "Reasons for every decision",
                    "Reporting a comment", "Appeals"):
        assert heading in page
    assert "Personal attack: “The publisher may decline personal comments.”" in page
    assert "declined automatically, without a person reading it" in page
    assert "a moderator reads every comment before it is published" in page  # the site pre-moderates
    assert "never automatically" in page and "appeals@gazette.example" in page
    assert "When 3 people report a comment" in page


def test_terms_page_without_terms_still_describes_moderation(client, site):
    site.terms_versions.all().delete()
    page = text_of(client.get(site.get_terms_url()))
    assert "has not published comment terms yet" in page and "How comments are moderated" in page


def test_demo_terms_have_the_publishers_clauses_and_how_moderation_works(client, db):
    from parley.demo.seed import seed_demo

    site = seed_demo(password="not-a-real-pw").site
    text = " ".join(site.current_terms.text.split())
    for clause in (
        ("The publisher may edit, delete or decline to publish comments. This applies in particular to defamatory, "
         "racist, personal, or irrelevant comments, and to comments written in dialects or languages other than "
         "English."),
        "Comments submitted under fantasy names or intentionally false names will not be published.",
        "Readers' comments can be found by search engines.",
        "Each article shows related articles.",
    ):
        assert clause in text
    assert "declines the comment automatically, without a person reading it" in text
    assert "an appeal is always decided by a person" in text
    page = text_of(client.get(site.get_terms_url()))
    assert "Comments submitted under fantasy names" in page and "How comments are moderated" in page
    assert "Comments that pass every check are published at once" in page  # the demo site post-moderates
