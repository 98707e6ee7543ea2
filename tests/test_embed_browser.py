"""The embed in a real browser: the demo publisher page, rendered into a shadow root and posting through the API.

Needs /usr/bin/chromium and the playwright package (it uses the system Chromium, never a downloaded one)."""

from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

from parley.apps.comments.models import Comment, Status

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var"

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")

SHADOW = "document.querySelector('div[data-parley-article]').shadowRoot"


@pytest.fixture
def page(live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert not errors, errors


@pytest.fixture
def discussion(article, published):
    first = published("The ferry timetable finally suits commuters.")
    published("Agreed, the early boat matters most.", parent=first, name="Jonas Berg")
    published("Will bikes be allowed on board?", name="Ines Duarte")
    return article


@pytest.fixture
def api(discussion):
    try:
        resolve(f"/api/v1/articles/{discussion.pk}/comments")
    except Resolver404:
        pytest.skip("the public comments API (/api/v1/articles/<id>/comments) is not routed yet")


def open_demo(page, live_server, article):
    page.goto(f"{live_server.url}/embed/demo/{article.pk}/")
    page.wait_for_function(f"{SHADOW} && {SHADOW}.querySelector('form.parley-form')")


def test_server_rendered_comments_move_into_a_shadow_root(page, live_server, discussion):
    open_demo(page, live_server, discussion)

    state = page.evaluate(f"""() => {{
        const host = document.querySelector('div[data-parley-article]');
        const root = host.shadowRoot;
        const text = root.querySelector('.parley-text');
        return {{
            comments: [...root.querySelectorAll('.parley-text')].map((node) => node.textContent.trim()),
            lightSection: !!host.querySelector('section'),
            lightJsonLd: JSON.parse(host.querySelector(':scope > script[type="application/ld+json"]').textContent),
            pageSeesComments: document.querySelectorAll('.parley-comment').length,
            font: getComputedStyle(text).fontFamily,
            button: getComputedStyle(root.querySelector('button')).backgroundColor,
            writeLink: !!root.querySelector('.parley-write'),
        }};
    }}""")

    assert state["comments"] == [
        "The ferry timetable finally suits commuters.",
        "Agreed, the early boat matters most.",
        "Will bikes be allowed on board?",
    ]
    assert state["lightSection"] is False
    assert state["lightJsonLd"]["@type"] == "Article"
    assert state["pageSeesComments"] == 0
    assert "system-ui" in state["font"] and "Georgia" not in state["font"]
    assert state["button"] == "rgb(11, 87, 208)"
    assert state["writeLink"] is False


def test_reply_sort_and_more_comments_work_inline(page, live_server, discussion, settings):
    settings.PARLEY_PAGE_SIZE = 1
    open_demo(page, live_server, discussion)
    thread = page.locator(".parley-thread > .parley-comment > .parley-body .parley-author")
    assert thread.all_text_contents() == ["Mara Okafor"]

    page.get_by_text("More comments →").click()
    page.wait_for_function(f"{SHADOW}.querySelectorAll('.parley-thread > .parley-comment').length == 2")
    assert thread.all_text_contents() == ["Mara Okafor", "Ines Duarte"]
    assert page.get_by_text("More comments →").count() == 0

    page.get_by_role("link", name="newest").click()
    page.wait_for_function(f"{SHADOW}.querySelector('.parley-sort strong').textContent == 'newest'")
    assert thread.all_text_contents() == ["Ines Duarte"]

    page.get_by_role("link", name="Reply").first.click()
    reply_form = page.locator(".parley-comment form.parley-form")
    assert reply_form.count() == 1
    assert reply_form.locator("input[name=parent]").input_value() != ""
    assert reply_form.get_by_label("Your comment:").evaluate("(node) => node === node.getRootNode().activeElement")
    page.get_by_role("link", name="Reply").first.click()
    assert reply_form.count() == 0


def test_script_fetches_the_fragment_when_the_page_has_none(page, live_server, discussion):
    open_demo(page, live_server, discussion)

    page.evaluate(f"""() => {{
        const host = document.createElement('div');
        host.id = 'fetched';
        host.dataset.parleyArticle = {discussion.external_id!r};
        document.querySelector('main').append(host);
        window.Parley.mount();
    }}""")

    page.wait_for_function("document.getElementById('fetched').shadowRoot.querySelector('form.parley-form')")
    assert page.locator("#fetched .parley-text").first.text_content() == "The ferry timetable finally suits commuters."
    assert page.evaluate("document.querySelector('#fetched > script[type=\"application/ld+json\"]') !== null")


def test_posting_through_the_embed_shows_errors_then_the_outcome(page, live_server, discussion, api):
    open_demo(page, live_server, discussion)
    form = page.locator("div[data-parley-article] section > form.parley-form")

    form.get_by_role("button", name="Post comment").click()
    form.locator(".parley-errors").wait_for()
    assert form.locator(".parley-errors").text_content() == "Please check the fields marked below."
    invalid = form.locator("[aria-invalid=true]")
    assert [invalid.nth(i).get_attribute("name") for i in range(invalid.count())] == ["author_name", "text"]
    assert form.locator(".parley-field:has([name=text]) .parley-error").count() == 1

    form.get_by_label("Your name:").fill("Ada Lindqvist")
    form.get_by_label("Your comment:").fill("The island bakery will be glad of the morning crowd.")
    form.get_by_role("button", name="Post comment").click()
    terms_error = form.locator(".parley-field:has([name=accept_terms]) .parley-error")
    terms_error.wait_for()
    assert terms_error.text_content() == "Please accept the comment terms before posting."
    assert form.locator(".parley-field:has([name=text]) .parley-error").count() == 0

    form.get_by_label("I accept the comment terms").check()
    form.get_by_role("button", name="Post comment").click()

    outcome = page.locator(".parley-outcome")
    outcome.wait_for()
    assert "waiting for a moderator" in outcome.locator(".parley-status").text_content()
    assert outcome.get_by_role("link").get_attribute("href").startswith(f"{live_server.url}/status/")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "embed.png"), full_page=True)
    comment = Comment.objects.get(body_markdown="The island bakery will be glad of the morning crowd.")
    assert comment.status == Status.PENDING
    assert comment.author_name == "Ada Lindqvist"


def test_replying_through_the_embed_sends_the_parent(page, live_server, discussion, api):
    parent = Comment.objects.get(author_name="Ines Duarte")
    open_demo(page, live_server, discussion)

    page.locator(f"#c{parent.pk} > .parley-body").get_by_role("link", name="Reply").click()
    form = page.locator(f"#c{parent.pk} > form.parley-form")
    assert form.locator(".parley-replying").text_content() == "Your reply to Ines Duarte"
    form.get_by_label("Your name:").fill("Tomas Lind")
    form.get_by_label("Your comment:").fill("Bikes were allowed on the old ferry, so probably yes.")
    form.get_by_label("I accept the comment terms").check()
    form.get_by_role("button", name="Post reply").click()

    page.locator(f"#c{parent.pk} > .parley-outcome").wait_for()
    reply = Comment.objects.get(author_name="Tomas Lind")
    assert reply.parent_id == parent.pk
