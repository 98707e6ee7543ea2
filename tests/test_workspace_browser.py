"""The moderator workspace in a real browser, driven from the keyboard: j/k, a, d with a rule and a message, e,
x, / and ?, with the results checked in the database; and a full page of clear-cut comments cleared by key.

Needs /usr/bin/chromium and the playwright package (it uses the system Chromium, never a downloaded one)."""

import importlib
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from parley.apps.articles.models import Article
from parley.apps.comments.models import Comment, Status
from parley.apps.comments.services import NewComment, post_comment
from parley.apps.moderation.models import StatementOfReasons
from tests.workspace import moderator

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")

ROLES = importlib.import_module("parley.apps.moderation.migrations.0003_roles").ROLES


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    """The roles a data migration creates; a live-server test before this one may have flushed them."""
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(Permission.objects.get(content_type__app_label=app, codename=codename)
                                for app, codename in permissions))

SELECTED = ".item.is-selected"


@pytest.fixture
def signed_in_cookie(request, live_server):
    """A session cookie for a signed-in moderator (verified with the second factor where the login asks for it)."""
    try:
        verified = request.getfixturevalue("verified_login")
    except pytest.FixtureLookupError:
        verified = None

    def make(user):
        client = Client()
        if verified is not None:
            verified(client, user)
        else:
            client.force_login(user)
        return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url}

    return make


@pytest.fixture
def browser_page(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 1000})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert not errors, errors


def held(article, text, *, name, rule="hate", score=0.82, evidence=((0, 5),), message="This may attack people."):
    comment = post_comment(article, NewComment(author_name=name, text=text, accepted_terms=article.site.current_terms))
    verdict = {"decision": "hold", "engine": "test", "rules": [rule], "findings": [
        {"rule": rule, "score": score, "threshold": 0.5, "message": message,
         "evidence": [list(span) for span in evidence], "field": "text"}]}
    Comment.objects.filter(pk=comment.pk).update(verdict=verdict)
    return comment


def selected_id(page) -> int:
    return int(page.locator(SELECTED).get_attribute("data-id"))


def test_keyboard_flow_through_the_pending_queue(browser_page, live_server, site, article, signed_in_cookie):
    page = browser_page
    comments = [
        held(article, "Those islanders are vermin and should leave.", name="Brendan Kole", evidence=[(20, 26)]),
        held(article, "You are an idiot if you like the new ferry.", name="Jonas Berg", rule="personal_attack",
             score=0.71, evidence=[(11, 16)], message="This may attack another reader."),
        held(article, "The ferry <b>timetable</b> is a disaster for commuters.", name="Ines Duarte",
             rule="off_topic", score=0.74, evidence=[(10, 26)], message="This may not be about the article."),
        held(article, "Bikes should ride free on the morning ferry.", name="Ada Lindqvist", rule="spam",
             score=0.55, evidence=[(0, 5)], message="This may be advertising."),
        held(article, "The island bakery will be glad of the crowd.", name="Lena Fischer", rule="off_topic",
             score=0.71, evidence=[(4, 17)], message="This may not be about the article."),
    ]
    first, second, third, fourth, fifth = comments
    mod = moderator(site)
    page.context.add_cookies([signed_in_cookie(mod)])

    page.goto(f"{live_server.url}/moderate/pending/")
    assert page.locator(".item").count() == 5
    assert selected_id(page) == first.pk
    assert page.evaluate("document.activeElement.id") == f"c{first.pk}"  # visible focus on the item
    assert page.locator(f"#c{first.pk} mark.evidence").text_content() == "vermin"
    assert "&lt;b&gt;timetable&lt;/b&gt;" in page.locator(f"#c{third.pk} [data-text]").inner_html()
    assert (page.locator(f"#c{second.pk} .finding").text_content()
            == "Held: personal attack score 0.71, holds at 0.50 \u2014 This may attack another reader.")

    # j / k move the selection
    page.keyboard.press("j")
    assert selected_id(page) == second.pk
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert selected_id(page) == second.pk
    page.keyboard.press("k")
    assert selected_id(page) == first.pk

    # a approves; the item leaves and the next one is selected
    page.keyboard.press("a")
    page.locator(f"#c{first.pk}").wait_for(state="detached")
    assert selected_id(page) == second.pk
    assert page.locator('[data-count="pending"]').text_content() == "4"

    # d opens the reason picker on the main rule; 1-9 choose another; Enter confirms
    page.keyboard.press("d")
    panel = page.locator(f"#c{second.pk} details[data-panel=decline]")
    assert panel.get_attribute("open") is not None
    assert page.evaluate("document.activeElement.value") == "personal_attack"
    page.keyboard.press("1")
    assert page.evaluate("document.activeElement.value") == "hate"
    page.keyboard.press("2")
    assert page.locator(f"#c{second.pk} input[name=rule]:checked").get_attribute("value") == "personal_attack"
    page.keyboard.press("Tab")
    page.keyboard.type("Please argue with the idea, not the person.")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "workspace.png"), full_page=True)
    page.keyboard.press("Enter")
    page.locator(f"#c{second.pk}").wait_for(state="detached")
    assert selected_id(page) == third.pk

    # e edits the text; Ctrl+Enter saves a new revision; the item stays selected
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.name") == "text"
    page.keyboard.press("Control+a")
    page.keyboard.type("The ferry timetable is hard on commuters.")
    page.keyboard.press("Control+Enter")
    page.locator(f"#c{third.pk} [data-text]", has_text="hard on commuters").wait_for()
    assert selected_id(page) == third.pk
    assert page.locator(f"#c{third.pk} details[data-panel=edit][open]").count() == 0

    # x selects for a bulk action
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator(f"#c{fourth.pk} .item-check").is_checked()
    assert page.locator("[data-selected-count]").text_content() == "1 selected"

    # ? shows the help, Esc closes it
    page.keyboard.press("?")
    assert page.locator("#ws-help").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#ws-help").is_visible()
    assert selected_id(page) == fourth.pk

    # select all on the page, or some, then a bulk action (a plain form: post, redirect, get)
    page.get_by_label("Select all on this page").check()
    assert page.locator("[data-selected-count]").text_content() == "3 selected"
    page.get_by_label("Select all on this page").uncheck()
    assert page.locator(".item-check:checked").count() == 0
    page.locator(f"#c{fourth.pk}").click(position={"x": 400, "y": 10})
    page.keyboard.press("x")
    page.get_by_role("button", name="Approve selected").click()
    page.locator(".staff-messages").wait_for()
    assert page.locator(".staff-messages").text_content().strip() == "Approved the selected comments: 1 done."
    assert page.locator(f"#c{fourth.pk}").count() == 0

    # / focuses the search
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("bakery")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/moderate/pending/?" in url and "q=bakery" in url)
    assert [int(i) for i in page.locator(".item").evaluate_all("(nodes) => nodes.map((n) => n.dataset.id)")] == [
        fifth.pk]

    # o opens the selected comment in full: its revisions and what the moderator changed
    page.goto(f"{live_server.url}/moderate/pending/")
    assert selected_id(page) == third.pk
    page.keyboard.press("o")
    page.wait_for_url(lambda url: f"/moderate/comments/{third.pk}/?next=" in url)
    assert page.locator(".ws-diff del").first.text_content().strip() != ""
    assert "hard on" in page.locator(".ws-diff ins").all_text_contents()[0]
    page.screenshot(path=str(SCREENSHOTS / "workspace-comment.png"), full_page=True)

    # the database saw every decision, through the services
    statuses = dict(Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("pk", "status"))
    assert statuses == {first.pk: Status.PUBLISHED, second.pk: Status.REJECTED, third.pk: Status.PENDING,
                        fourth.pk: Status.PUBLISHED, fifth.pk: Status.PENDING}
    statement = StatementOfReasons.objects.get(comment=second)
    assert (statement.rule, statement.message, statement.decided_by_id) == (
        "personal_attack", "Please argue with the idea, not the person.", mod.pk)
    third.refresh_from_db()
    assert third.body_markdown == "The ferry timetable is hard on commuters." and third.edited_by_moderator
    assert third.revisions.count() == 2


def test_a_page_and_more_of_clear_cut_comments_are_cleared_by_key(browser_page, live_server, site,
                                                                  signed_in_cookie):
    page = browser_page
    article = Article.objects.create(site=site, external_id="2026/regatta", url="https://gazette.example/regatta",
                                     title="The harbour regatta", published_at=timezone.now() - timedelta(hours=2))
    comments = [held(article, f"Comment {n} about the regatta.", name="Mara Okafor", rule="pre_moderation",
                     score=1.0, evidence=(), message="Every comment is read first.") for n in range(55)]
    page.context.add_cookies([signed_in_cookie(moderator(site))])

    page.goto(f"{live_server.url}/moderate/pending/")
    started = time.monotonic()
    for _ in range(50):  # as fast as the keyboard goes: each key approves one and selects the next
        page.keyboard.press("a")
    # the page empties, and the next comments load by themselves, the first one selected
    page.locator(f"#c{comments[50].pk}.is-selected").wait_for(timeout=60_000)
    assert page.locator(".item").count() == 5
    for _ in range(5):
        page.keyboard.press("a")
    page.locator(".ws-empty").wait_for(timeout=60_000)
    elapsed = time.monotonic() - started

    assert Comment.objects.filter(pk__in=[c.pk for c in comments], status=Status.PUBLISHED).count() == 55
    assert elapsed < 55 * 3, f"{elapsed:.1f}s for 55 comments"  # 100 in under 5 minutes leaves 3 s each
    print(f"55 comments approved by key in {elapsed:.1f}s")
