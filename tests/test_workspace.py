"""The moderator workspace under /moderate/: queues, filters, evidence, every action (HTML and JSON), bulk
actions, commenters and articles, and who may see what."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from parley.apps.articles.models import Article, Site
from parley.apps.comments.models import Comment, CommentRevision, Status
from parley.apps.comments.services import NewComment, post_comment, set_status
from parley.apps.moderation import notices
from parley.apps.moderation.access import capability_of
from parley.apps.moderation.models import (
    AuditEvent,
    CommenterRestriction,
    NoticeStatus,
    RestrictionKind,
    StatementAction,
    StatementOfReasons,
)
from parley.apps.moderation.templatetags.moderation_workspace import highlight
from parley.apps.moderation.views.present import describe_findings
from tests.workspace import admin, analyst, moderator

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch", "HTTP_ACCEPT": "application/json"}


def finding(rule, score, threshold, message, evidence=(), field="text"):
    return {"rule": rule, "score": score, "threshold": threshold, "message": message,
            "evidence": [list(span) for span in evidence], "field": field}


def set_verdict(comment, *findings, decision="hold"):
    verdict = {"decision": decision, "engine": "test", "findings": list(findings),
               "rules": list(dict.fromkeys(f["rule"] for f in findings))}
    Comment.objects.filter(pk=comment.pk).update(verdict=verdict)
    comment.refresh_from_db()
    return comment


@pytest.fixture
def sign_in(request):
    """Sign a staff member in: with a session verified by the second factor where the staff login asks for one."""
    try:
        verified = request.getfixturevalue("verified_login")
    except pytest.FixtureLookupError:
        verified = None

    def login(client, user):
        if verified is not None:
            verified(client, user)
        else:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def other_site(db):
    return Site.objects.create(slug="courier", name="The Valley Courier", domains=["courier.example"])


@pytest.fixture
def other_article(other_site):
    return Article.objects.create(site=other_site, external_id="2026/bridge", url="https://courier.example/bridge",
                                  title="The old bridge reopens", published_at=timezone.now() - timedelta(hours=1))


@pytest.fixture
def mod(site):
    return moderator(site)


@pytest.fixture
def staff(client, mod, sign_in):
    return sign_in(client, mod)


@pytest.fixture
def hateful(make_comment):
    comment = make_comment("Those islanders are vermin and should leave.", name="Brendan Kole")
    return set_verdict(comment, finding("hate", 0.82, 0.5, "This may attack people for their origin.",
                                        [(6, 15), (20, 26)]))


def post(article, text, *, name, status=None, parent=None):
    """A comment by a commenter who gives an e-mail address, so that their comments are kept together."""
    email = re.sub(r"[^a-z]", "", name.lower()) + "@example.org"
    comment = post_comment(article, NewComment(author_name=name, text=text, email=email, parent=parent,
                                               accepted_terms=article.site.current_terms))
    if status is not None:
        set_status(comment, status, actor_label="test", reason="fixture")
        comment.refresh_from_db()
    return comment


def page(response) -> str:
    return response.content.decode()


def items_in(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article class="item[^"]*" id="c(\d+)"', page(response))]


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- who may come in

def test_anonymous_visitors_are_sent_to_the_staff_login(client, hateful):
    login = resolve_url(settings.LOGIN_URL)
    for url in ("/moderate/", "/moderate/pending/", f"/moderate/comments/{hateful.pk}/",
                f"/moderate/commenters/{hateful.commenter_id}/", f"/moderate/articles/{hateful.article_id}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(login), url
    response = client.post(f"/moderate/comments/{hateful.pk}/approve/")
    assert response.status_code == 302 and response["Location"].startswith(login)
    hateful.refresh_from_db()
    assert hateful.status == Status.PENDING


def test_people_who_moderate_no_site_get_403(client, sign_in, hateful):
    sign_in(client, analyst())
    assert client.get("/moderate/pending/").status_code == 403
    assert client.post(f"/moderate/comments/{hateful.pk}/approve/").status_code == 403
    hateful.refresh_from_db()
    assert hateful.status == Status.PENDING


def test_a_moderator_of_another_site_sees_and_touches_nothing_here(client, sign_in, other_site, hateful):
    sign_in(client, moderator(other_site, username="vera.courier"))
    response = client.get("/moderate/pending/")
    assert response.status_code == 200 and items_in(response) == []
    assert f"#{hateful.pk}" not in page(response)
    assert client.get(f"/moderate/comments/{hateful.pk}/").status_code == 404
    assert client.get(f"/moderate/commenters/{hateful.commenter_id}/").status_code == 404
    assert client.get(f"/moderate/articles/{hateful.article_id}/").status_code == 404
    for action, data in (("approve", {}), ("decline", {"rule": "hate"}), ("edit", {"text": "Changed."}),
                         ("delete", {"rule": "hate"})):
        assert client.post(f"/moderate/comments/{hateful.pk}/{action}/", data).status_code == 404
    assert client.post(f"/moderate/commenters/{hateful.commenter_id}/restrict/",
                       {"kind": "ban", "duration": "7d", "reason": "Abuse"}).status_code == 404
    assert client.post(f"/moderate/articles/{hateful.article_id}/close/").status_code == 404
    response = client.post("/moderate/comments/bulk/", {"action": "approve", "ids": [hateful.pk]})
    assert response.status_code == 302
    assert "1 skipped" in flash(response)[0]
    hateful.refresh_from_db()
    assert hateful.status == Status.PENDING and not hateful.edited_by_moderator
    assert not CommenterRestriction.objects.exists()


def test_every_workspace_view_declares_the_moderate_capability():
    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), entry.callback

    from parley.apps.moderation.urls import workspace

    found = dict(walk(workspace.urlpatterns))
    assert len(found) >= 15
    for route, view in found.items():
        assert capability_of(view) == "moderate", route
    # and they are the ones served under /moderate/
    assert get_resolver().resolve("/moderate/pending/").func is found["^(?P<queue>pending|reported|published|rejected|deleted)/$"]


def test_actions_are_post_only_and_need_the_csrf_token(mod, sign_in, hateful):
    client = sign_in(Client(enforce_csrf_checks=True), mod)
    assert client.get(f"/moderate/comments/{hateful.pk}/approve/").status_code == 405
    assert client.post(f"/moderate/comments/{hateful.pk}/approve/").status_code == 403
    hateful.refresh_from_db()
    assert hateful.status == Status.PENDING


# --- queues, counts, filters

def test_home_opens_the_pending_queue(staff):
    response = staff.get("/moderate/?q=ferry")
    assert response.status_code == 302 and response["Location"] == "/moderate/pending/?q=ferry"


def test_each_queue_holds_its_comments_and_shows_every_count(staff, mod, make_comment, published, hateful):
    shown = published("The ferry timetable finally suits commuters.")
    declined = make_comment("Buy cheap watches at example.shop", status=Status.REJECTED)
    deleted = make_comment("A comment removed later.", status=Status.DELETED)
    reported = published("The captain is a crook who steals fuel.", name="Otto Brandt")
    notices.submit_notice(reported, rule="defamation", explanation="This accuses a named captain of theft.",
                          good_faith=True)

    expected = {"pending": [hateful.pk], "reported": [reported.pk], "published": [reported.pk, shown.pk],
                "rejected": [declined.pk], "deleted": [deleted.pk]}
    for name, pks in expected.items():
        response = staff.get(f"/moderate/{name}/")
        assert response.status_code == 200
        assert sorted(items_in(response)) == sorted(pks), name
        html = page(response)
        for other, other_pks in expected.items():
            assert f'data-count="{other}">{len(other_pks)}</span>' in html
    assert staff.get("/moderate/archived/").status_code == 404


def test_pending_is_grouped_by_rule_with_counts(staff, make_comment, hateful):
    spam = set_verdict(make_comment("Cheap watches at example.shop"), finding("spam", 0.7, 0.5, "Advertising."))
    make_comment("Plain comment held by pre-moderation.")
    response = staff.get("/moderate/pending/")
    groups = page(response).split('class="ws-groups"')[1].split("</nav>")[0]
    assert re.search(r'rule=hate"[^>]*>Racist or hateful comment <span class="count">1</span>', groups)
    assert re.search(r'rule=spam"[^>]*>Spam or advertising <span class="count">1</span>', groups)
    assert re.search(r'rule=pre_moderation"[^>]*>Pre-moderation <span class="count">1</span>', groups)
    assert items_in(staff.get("/moderate/pending/?rule=spam")) == [spam.pk]
    assert items_in(staff.get("/moderate/pending/?rule=hate")) == [hateful.pk]


def test_filters_by_site_article_commenter_score_date_and_search(client, sign_in, site, article, other_article,
                                                                make_comment, hateful):
    sign_in(client, admin())  # sees every site
    elsewhere = make_comment("A comment about the bridge works.", name="Ines Duarte", on=other_article)
    mild = set_verdict(make_comment("You are an idiot about ferries.", name="Jonas Berg"),
                       finding("personal_attack", 0.55, 0.5, "This may attack another reader."))
    old = make_comment("An older held comment about the timetable.", name="Lena Fischer")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))

    def shown(query):
        response = client.get(f"/moderate/pending/?{query}")
        assert response.status_code == 200, page(response)
        return sorted(items_in(response))

    assert shown("") == sorted([hateful.pk, elsewhere.pk, mild.pk, old.pk])
    assert shown(f"site={other_article.site_id}") == [elsewhere.pk]
    assert shown(f"article={article.pk}") == sorted([hateful.pk, mild.pk, old.pk])
    assert shown(f"commenter={mild.commenter_id}") == [mild.pk]
    assert shown("score_min=0.6&score_max=0.9") == [hateful.pk]  # held by pre-moderation: score 1.0
    assert shown("score_min=0.5&score_max=0.6") == [mild.pk]
    today = timezone.localdate()
    assert shown(f"date_to={today - timedelta(days=5)}") == [old.pk]
    assert shown(f"date_from={today}") == sorted([hateful.pk, elsewhere.pk, mild.pk])
    assert shown("q=islanders") == [hateful.pk]
    assert shown("q=Duarte") == [elsewhere.pk]
    assert shown("q=idiot+ferries") == [mild.pk]
    # the counts follow the filters, and the tabs keep them
    response = client.get("/moderate/pending/?q=islanders")
    assert 'data-count="pending">1</span>' in page(response)
    assert 'href="/moderate/published/?q=islanders"' in page(response)


def test_bad_filters_answer_400_with_the_reason(staff, other_site, other_article, hateful):
    for query, message in (("score_min=lots", "Enter a number."), ("score_min=0.9&score_max=0.2", "upper score"),
                           ("date_from=2026-05-02&date_to=2026-05-01", "end date"),
                           (f"site={other_site.pk}", "Select a valid choice"),
                           (f"article={other_article.pk}", "no such article on a site you moderate"),
                           ("rule=rudeness", "Select a valid choice")):
        response = staff.get(f"/moderate/pending/?{query}")
        assert response.status_code == 400, query
        assert message in page(response), query


def test_queues_paginate_50_to_a_page(staff, make_comment):
    comments = [make_comment(f"Held comment number {n} about the ferry.") for n in range(51)]
    first = staff.get("/moderate/pending/")
    assert items_in(first) == [c.pk for c in comments[:50]]  # oldest first
    assert "page 1 of 2" in page(first)
    assert items_in(staff.get("/moderate/pending/?page=2")) == [comments[50].pk]
    assert items_in(staff.get("/moderate/pending/?page=99")) == [comments[50].pk]


# --- what an item shows

def test_highlight_escapes_the_text_and_marks_the_evidence_spans():
    text = "<b>Bad</b> people & their <script>"
    marked = highlight(text, [finding("hate", 0.9, 0.5, "", [(3, 6)]), finding("spam", 0.6, 0.5, "", [(0, 2)])])
    assert str(marked) == ('<mark class="evidence" data-rules="spam" title="Flagged: spam">&lt;b</mark>&gt;'
                           '<mark class="evidence" data-rules="hate" title="Flagged: hate">Bad</mark>'
                           "&lt;/b&gt; people &amp; their &lt;script&gt;")


def test_highlight_splits_overlaps_and_ignores_bad_spans():
    text = "abcdefghij"
    marked = str(highlight(text, [
        finding("hate", 0.9, 0.5, "", [(2, 6)]), finding("personal_attack", 0.7, 0.5, "", [(4, 8), (-3, 1)]),
        finding("spam", 0.6, 0.5, "", [(9, 40), (5, 5), (7, "x"), (3,)]),
        finding("fake_name", 0.8, 0.5, "", [(0, 4)], field="author_name"),
    ]))
    assert marked == (
        '<mark class="evidence" data-rules="personal_attack" title="Flagged: personal attack">a</mark>b'
        '<mark class="evidence" data-rules="hate" title="Flagged: hate">cd</mark>'
        '<mark class="evidence" data-rules="hate personal_attack" title="Flagged: hate, personal attack">ef</mark>'
        '<mark class="evidence" data-rules="personal_attack" title="Flagged: personal attack">gh</mark>i'
        '<mark class="evidence" data-rules="spam" title="Flagged: spam">j</mark>'
    )
    assert str(highlight("<i>", [])) == "&lt;i&gt;"
    assert str(highlight("<i>", [{"rule": "hate", "evidence": 7}, "junk", {"evidence": [[0, 1]]}])) == (
        '<mark class="evidence" data-rules="" title="Flagged: the automatic checks">&lt;</mark>i&gt;')
    assert str(highlight("Anna", [finding("fake_name", 0.8, 0.5, "", [(0, 4)], field="author_name")],
                         "author_name")).startswith('<mark class="evidence" data-rules="fake_name"')


def test_findings_in_plain_words():
    verdict = {"decision": "hold", "findings": [
        finding("hate", 0.82, 0.5, "This may attack people for their origin."),
        finding("spam", 0.93, 0.9, "Advertising."),
        finding("pre_moderation", 1.0, 1.0, "Every comment is read first."),
    ]}
    sentences = [f.sentence for f in describe_findings(verdict)]
    assert sentences == [
        "Held: hate score 0.82, holds at 0.50 \u2014 This may attack people for their origin.",
        "Held: spam score 0.93, declines at 0.90 \u2014 Advertising.",
        "Held: Pre-moderation \u2014 Every comment is read first.",
    ]
    assert describe_findings({"decision": "hold", "findings": [{"rule": "hate"}]})[0].sentence == "Held: hate"
    assert describe_findings("not a verdict") == []


def test_a_malformed_verdict_still_shows_the_comment(staff, make_comment):
    comment = make_comment("A comment with a broken verdict.")
    for verdict in ({"decision": "hold", "findings": 5}, {"findings": [{"rule": "hate", "evidence": "0-4"}]}, []):
        Comment.objects.filter(pk=comment.pk).update(verdict=verdict)
        response = staff.get("/moderate/pending/")
        assert response.status_code == 200 and "A comment with a broken verdict." in page(response)
        assert staff.get(f"/moderate/comments/{comment.pk}/").status_code == 200


def test_an_item_shows_evidence_verdict_article_parent_reports_and_history(staff, published, article):
    parent = published("The new timetable helps the night shift.", name="Ada Lindqvist")
    post(article, "An earlier rude remark.", name="Brendan <Kole>", status=Status.REJECTED)
    comment = post(article, "Those islanders are <vermin>.", name="Brendan <Kole>", parent=parent)
    set_verdict(comment, finding("hate", 0.82, 0.5, "This may attack people for their origin.", [(20, 28)]),
                finding("fake_name", 0.6, 0.5, "This may not be a real name.", [(8, 14)], field="author_name"))
    response = staff.get("/moderate/pending/")
    html = page(response)
    assert ('Those islanders are <mark class="evidence" data-rules="hate" title="Flagged: hate">&lt;vermin&gt;'
            "</mark>.") in html
    assert ('Brendan <mark class="evidence" data-rules="fake_name" title="Flagged: fake name">&lt;Kole&gt;'
            "</mark>") in html
    assert "Held: hate score 0.82, holds at 0.50 \u2014 This may attack people for their origin." in html
    assert f'<a href="/moderate/articles/{article.pk}/">{article.title}</a>' in html
    assert f'href="{article.url}"' in html
    assert "In reply to Ada Lindqvist (published):</span> The new timetable helps the night shift." in html
    assert "commenter since" in html and "2 comments: 0 published, 1 declined, 0 deleted, 1 pending" in html
    assert "<vermin>" not in html and "<Kole>" not in html


def test_item_page_lists_reports_history_restrictions_and_the_diff(staff, mod, article):
    comment = post(article, "The ferry captain is a thief and a liar.", name="Otto Brandt", status=Status.PUBLISHED)
    post(article, "A second comment by Otto.", name="Otto Brandt", status=Status.REJECTED)
    notices.submit_notice(comment, rule="defamation", explanation="It calls a named captain a thief.",
                          good_faith=True, name="Kari Holm")
    staff.post(f"/moderate/comments/{comment.pk}/edit/", {"text": "The ferry captain is a liar.", "reason": "Drop"})
    staff.post(f"/moderate/commenters/{comment.commenter_id}/restrict/",
               {"kind": "premoderate", "duration": "30d", "reason": "Repeated allegations"})

    response = staff.get(f"/moderate/comments/{comment.pk}/")
    html = page(response)
    assert response.status_code == 200
    assert "Possibly defamatory allegation" in html and "It calls a named captain a thief." in html
    assert "Kari Holm" in html
    assert "A second comment by Otto." in html and "Declined" in html
    assert "Pre-moderate every comment" in html and "Repeated allegations" in html
    diff = html.split('class="ws-diff item-text"')[1].split("</div>")[0]
    assert re.sub(r"\s+", " ", diff.split(">", 1)[1]) in ("The ferry captain is a <del>thief and a </del>liar.",
                                                        "The ferry captain is <del>a thief and </del>a liar.")
    assert "Original text, with what the checks flagged" in html

    response = staff.get(f"/moderate/comments/{comment.pk}/?from=1&to=7")
    assert response.status_code == 400 and "no such revision" in page(response)


# --- actions: approve, decline, edit, delete

def test_approve_redirects_back_to_the_queue_at_the_next_item(staff, make_comment, hateful):
    following = make_comment("A fair point about the ferry.")
    response = staff.post(f"/moderate/comments/{hateful.pk}/approve/",
                          {"next": "/moderate/pending/?q=&page=1", "focus": str(following.pk), "queue": "pending"})
    assert response.status_code == 302
    assert response["Location"] == f"/moderate/pending/?q=&page=1#c{following.pk}"
    assert flash(response) == [f"Approved the comment by Brendan Kole (#{hateful.pk})."]
    hateful.refresh_from_db()
    assert hateful.status == Status.PUBLISHED
    assert AuditEvent.objects.filter(comment=hateful, action="comment.status_changed",
                                     to_status=Status.PUBLISHED).exists()


def test_the_way_back_never_leaves_the_workspace(staff, hateful, make_comment):
    for unsafe in ("https://elsewhere.example/moderate/", "//elsewhere.example/", "/admin/", "javascript:alert(1)"):
        comment = make_comment("Another held comment.")
        response = staff.post(f"/moderate/comments/{comment.pk}/approve/", {"next": unsafe})
        assert response["Location"] == "/moderate/pending/", unsafe


def test_decline_with_a_rule_and_a_message_issues_the_statement(staff, mod, hateful):
    response = staff.post(f"/moderate/comments/{hateful.pk}/decline/",
                          {"rule": "hate", "message": "Please discuss the policy, not the people.",
                           "next": "/moderate/pending/"})
    assert response.status_code == 302
    hateful.refresh_from_db()
    assert hateful.status == Status.REJECTED
    statement = StatementOfReasons.objects.get(comment=hateful)
    assert (statement.action, statement.rule, statement.decided_by) == (StatementAction.DECLINE, "hate", mod)
    assert statement.message == "Please discuss the policy, not the people."
    assert "Racist or hateful comment" in flash(response)[0]


@pytest.mark.parametrize("data, field_message", [
    ({}, "Choose the rule of the terms the comment breaks."),
    ({"rule": "rudeness"}, "Choose the rule of the terms the comment breaks."),
    ({"rule": "pre_moderation"}, "Choose the rule of the terms the comment breaks."),
    ({"rule": "hate", "message": "x" * 2001}, "Keep the message to the commenter under 2000 characters."),
])
def test_a_bad_decline_answers_400_with_the_form_again(staff, hateful, data, field_message):
    response = staff.post(f"/moderate/comments/{hateful.pk}/decline/", {**data, "next": "/moderate/pending/"})
    assert response.status_code == 400
    html = page(response)
    assert field_message in html
    assert '<details class="panel" data-panel="decline" open>' in html
    hateful.refresh_from_db()
    assert hateful.status == Status.PENDING

    response = staff.post(f"/moderate/comments/{hateful.pk}/decline/", data, **FETCH)
    assert response.status_code == 400
    problem = response.json()
    assert problem["status"] == 400 and problem["detail"] == field_message
    assert problem["errors"][0]["message"] == field_message


def test_declining_twice_or_a_deleted_comment_is_refused_with_a_message(staff, make_comment, hateful):
    staff.post(f"/moderate/comments/{hateful.pk}/decline/", {"rule": "hate"})
    response = staff.post(f"/moderate/comments/{hateful.pk}/decline/", {"rule": "hate"})
    assert response.status_code == 400 and "This comment is already declined." in page(response)
    deleted = make_comment("Gone already.", status=Status.DELETED)
    response = staff.post(f"/moderate/comments/{deleted.pk}/decline/", {"rule": "spam"}, **FETCH)
    assert response.status_code == 400
    assert response.json()["detail"] == "This comment is deleted; there is nothing to decline."


def test_edit_makes_a_new_revision_marked_as_the_moderators(staff, mod, hateful):
    response = staff.post(f"/moderate/comments/{hateful.pk}/edit/",
                          {"text": "Those islanders should be heard too.", "reason": "Removed the slur"})
    assert response.status_code == 302
    hateful.refresh_from_db()
    assert hateful.body_markdown == "Those islanders should be heard too." and hateful.edited_by_moderator
    latest = hateful.revisions.order_by("-number").first()
    assert (latest.number, latest.editor, latest.reason) == (2, mod, "Removed the slur")
    assert CommentRevision.objects.get(comment=hateful, number=1).body_markdown.startswith("Those islanders are")
    # the queue now shows the new text, and the original with the evidence where it was
    html = page(staff.get("/moderate/pending/"))
    assert "Those islanders should be heard too." in html
    assert '<mark class="evidence" data-rules="hate" title="Flagged: hate">islanders</mark>' in html


@pytest.mark.parametrize("text, message", [
    ("   ", "A comment cannot be edited to nothing; delete it instead."),
    ("Those islanders are vermin and should leave.", "The text is unchanged"),
    ("x" * 5001, "Keep the text under 5000 characters"),
])
def test_a_bad_edit_answers_400_with_the_text_kept(staff, hateful, text, message):
    response = staff.post(f"/moderate/comments/{hateful.pk}/edit/", {"text": text})
    assert response.status_code == 400
    html = page(response)
    assert message in html and '<details class="panel" data-panel="edit" open>' in html
    assert hateful.revisions.count() == 1


def test_delete_is_soft_and_needs_a_rule(staff, published):
    comment = published("Visit example.shop for cheap watches.")
    response = staff.post(f"/moderate/comments/{comment.pk}/delete/", {"rule": ""})
    assert response.status_code == 400 and "Choose the rule of the terms" in page(response)
    response = staff.post(f"/moderate/comments/{comment.pk}/delete/", {"rule": "spam"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.DELETED and comment.deleted_at is not None
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert StatementOfReasons.objects.get(comment=comment).action == StatementAction.DELETE
    response = staff.post(f"/moderate/comments/{comment.pk}/delete/", {"rule": "spam"})
    assert response.status_code == 400 and "already deleted" in page(response)
    # a deleted comment can be restored from the Deleted queue
    assert items_in(staff.get("/moderate/deleted/")) == [comment.pk]
    staff.post(f"/moderate/comments/{comment.pk}/approve/")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED


def test_actions_answer_json_for_the_script(staff, make_comment, hateful):
    other = make_comment("A question about bikes on board.")
    response = staff.post(f"/moderate/comments/{hateful.pk}/approve/",
                          {"next": "/moderate/pending/", "queue": "pending"}, **FETCH)
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["left_queue"] and data["status"] == "published"
    assert data["counts"]["pending"] == 1 and data["counts"]["published"] == 1
    assert "item_html" not in data

    response = staff.post(f"/moderate/comments/{other.pk}/edit/",
                          {"text": "A question about bicycles on board.", "next": "/moderate/pending/",
                           "queue": "pending"}, HTTP_X_REQUESTED_WITH="fetch")
    data = response.json()
    assert data["ok"] and not data["left_queue"]
    assert f'id="c{other.pk}"' in data["item_html"] and "A question about bicycles on board." in data["item_html"]


def test_reported_comments_can_be_kept_or_their_reports_dismissed(staff, published):
    comment = published("The harbour master takes bribes.")
    first = notices.submit_notice(comment, rule="defamation", explanation="A serious allegation without proof.",
                                  good_faith=True)
    html = page(staff.get("/moderate/reported/"))
    assert "1 open report" in html and "A serious allegation without proof." in html
    assert "Possibly defamatory allegation" in html

    response = staff.post(f"/moderate/notices/{first.pk}/dismiss/", {"queue": "reported", "next": "/moderate/reported/"},
                          **FETCH)
    assert response.json()["left_queue"] is True
    first.refresh_from_db()
    assert first.status == NoticeStatus.NO_ACTION
    response = staff.post(f"/moderate/notices/{first.pk}/dismiss/")
    assert response.status_code == 400 and "This report has already been handled." in page(response)

    second = notices.submit_notice(comment, rule="defamation", explanation="Still an allegation without proof.",
                                   good_faith=True, email="kari@example.org")
    response = staff.post(f"/moderate/comments/{comment.pk}/approve/", {"next": "/moderate/reported/"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == NoticeStatus.NO_ACTION
    assert items_in(staff.get("/moderate/reported/")) == []


# --- bulk

def test_bulk_approve_and_decline_report_what_they_skipped(staff, make_comment, other_article, hateful):
    a, b = make_comment("First fine comment."), make_comment("Second fine comment.")
    elsewhere = make_comment("Not on my site.", on=other_article)
    response = staff.post("/moderate/comments/bulk/", {"action": "approve", "ids": [a.pk, b.pk, elsewhere.pk],
                                                       "next": "/moderate/pending/"})
    assert response.status_code == 302 and response["Location"] == "/moderate/pending/"
    [message] = flash(response)
    assert message.startswith("Approved the selected comments: 2 done, 1 skipped.")
    assert f"#{elsewhere.pk}: No such comment on a site you moderate." in message
    assert {c.status for c in Comment.objects.filter(pk__in=[a.pk, b.pk])} == {Status.PUBLISHED}
    elsewhere.refresh_from_db()
    assert elsewhere.status == Status.PENDING

    c = make_comment("Spam spam spam.")
    response = staff.post("/moderate/comments/bulk/", {"action": "decline", "rule": "spam", "ids": [c.pk, hateful.pk],
                                                       "message": "Not here."}, **FETCH)
    data = response.json()
    assert data["ok"] and sorted(data["done"]) == sorted([c.pk, hateful.pk]) and data["skipped"] == {}
    assert StatementOfReasons.objects.filter(comment__in=[c, hateful], rule="spam", message="Not here.").count() == 2


@pytest.mark.parametrize("data, message", [
    ({"action": "approve"}, "Select the comments first"),
    ({"action": "approve", "ids": ["12x"]}, "not valid"),
    ({"action": "archive", "ids": ["1"]}, "Choose whether to approve or decline"),
    ({"action": "decline", "ids": ["1"], "rule": ""}, "Choose the rule of the terms the comment breaks."),
])
def test_bad_bulk_requests_answer_400_on_the_queue_page(staff, hateful, data, message):
    response = staff.post("/moderate/comments/bulk/", {**data, "next": "/moderate/rejected/?q=vermin"})
    assert response.status_code == 400
    html = page(response)
    assert message in html
    assert 'aria-current="page">Rejected' in html  # the queue the form was on
    hateful.refresh_from_db()
    assert hateful.status == Status.PENDING


# --- commenters and articles

def test_premoderate_and_ban_a_commenter_then_lift(staff, mod, hateful):
    commenter = hateful.commenter
    url = f"/moderate/commenters/{commenter.pk}/restrict/"
    response = staff.post(url, {"kind": "premoderate", "duration": "7d", "reason": "Several held comments"})
    assert response.status_code == 302 and response["Location"] == f"/moderate/commenters/{commenter.pk}/"
    restriction = CommenterRestriction.objects.get(commenter=commenter)
    assert restriction.kind == RestrictionKind.PREMODERATE
    assert timedelta(days=6, hours=23) < restriction.until - restriction.starts_at <= timedelta(days=7)

    response = staff.post(url, {"kind": "ban", "duration": "indefinite", "reason": "Hate speech", "rule": "hate",
                                "comment": hateful.pk, "message": "You may appeal."})
    ban = CommenterRestriction.objects.get(commenter=commenter, kind=RestrictionKind.BAN)
    assert ban.until is None and ban.statement.action == StatementAction.BAN and ban.statement.comment == hateful
    assert "Banned Brendan Kole until lifted." in flash(response)[-1]

    html = page(staff.get(f"/moderate/commenters/{commenter.pk}/"))
    assert "Banned from commenting" in html and "Hate speech" in html and "Those islanders" in html
    response = staff.post(f"/moderate/restrictions/{ban.pk}/lift/", {"reason": ""})
    assert response.status_code == 400 and "Say why the restriction is lifted early." in page(response)
    response = staff.post(f"/moderate/restrictions/{ban.pk}/lift/", {"reason": "Apologised"})
    assert response.status_code == 302
    ban.refresh_from_db()
    assert ban.lifted_at is not None and ban.lifted_by == mod


@pytest.mark.parametrize("data, message", [
    ({"kind": "ban", "duration": "forever", "reason": "Abuse"}, "Choose how long the restriction lasts."),
    ({"kind": "ban", "duration": "7d", "reason": " "}, "Say why, so that other moderators"),
    ({"kind": "mute", "duration": "7d", "reason": "Abuse"}, "Choose whether to pre-moderate or ban"),
    ({"kind": "premoderate", "duration": "7d", "reason": "Abuse", "rule": "rude"}, "Choose a rule of the terms"),
])
def test_bad_restrictions_answer_400(staff, hateful, data, message):
    response = staff.post(f"/moderate/commenters/{hateful.commenter_id}/restrict/", data)
    assert response.status_code == 400 and message in page(response)
    response = staff.post(f"/moderate/commenters/{hateful.commenter_id}/restrict/",
                          {**data, "comment": hateful.pk})
    assert response.status_code == 400 and message in page(response)
    assert f"Comment #{hateful.pk}" in page(response)  # the comment page the form was on
    assert not CommenterRestriction.objects.exists()


def test_close_and_reopen_an_articles_comments(staff, article, hateful):
    response = staff.post(f"/moderate/articles/{article.pk}/close/", {"reason": "Closed for the night."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.comments_closed and article.closed_reason == "Closed for the night."
    assert "Reopen comments" in page(staff.get(f"/moderate/articles/{article.pk}/"))
    staff.post(f"/moderate/articles/{article.pk}/reopen/", {"reason": "Morning"})
    article.refresh_from_db()
    assert not article.comments_closed
    assert AuditEvent.objects.filter(article=article, action="article.comments_reopened").exists()

    Article.objects.filter(pk=article.pk).update(comments_closed=True, close_after_days=1,
                                                 published_at=timezone.now() - timedelta(days=3))
    response = staff.post(f"/moderate/articles/{article.pk}/reopen/")
    assert response.status_code == 400
    assert "Change the article&#x27;s closing time to reopen it." in page(response)


def test_service_permission_failures_answer_403_json_for_the_script(client, sign_in, site, hateful):
    from django.contrib.auth.models import Permission

    mod = moderator(site, username="nora.noban")
    mod.user_permissions.add(Permission.objects.get(codename="moderate_comments"))
    mod.groups.clear()
    mod = type(mod).objects.get(pk=mod.pk)
    sign_in(client, mod)
    response = client.post(f"/moderate/commenters/{hateful.commenter_id}/restrict/",
                           {"kind": "ban", "duration": "7d", "reason": "Abuse"}, **FETCH)
    assert response.status_code == 403 and "may not restrict" in response.json()["detail"]
    response = client.post(f"/moderate/commenters/{hateful.commenter_id}/restrict/",
                           {"kind": "ban", "duration": "7d", "reason": "Abuse"})
    assert response.status_code == 403


def test_a_queue_page_takes_the_same_number_of_queries_for_2_or_50_comments(staff, article, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    parent = published("The ferry timetable finally suits commuters.")

    def add(n):
        for i in range(n):
            comment = post(article, f"Held comment {i} on the ferry.", name=f"Reader Number{i}", parent=parent)
            set_verdict(comment, finding("hate", 0.6, 0.5, "Maybe.", [(0, 4)]))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get("/moderate/pending/").status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(48)
    assert queries() == few
