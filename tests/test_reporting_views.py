"""The reporting pages of the workspace: the dashboard, the transparency report (HTML, JSON, CSV) and the export of
statements of reasons; who may open them, how bad input is refused, and that the numbers add up on seeded data."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.shortcuts import resolve_url
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.html import escape

from parley.apps.articles.models import Article, Site, Terms
from parley.apps.comments.services import NewComment, post_comment
from parley.apps.moderation import actions, appeals, notices, reports, tdb
from parley.apps.moderation.access import capability_of
from parley.apps.moderation.grounds import rule_label
from parley.apps.moderation.models import AuditEvent, StatementOfReasons
from parley.apps.moderation.permissions import ANALYSTS, MODERATORS
from tests.workspace import admin, analyst, moderator, person

SVG = "{http://www.w3.org/2000/svg}"
DASHBOARD, TRANSPARENCY, EXPORT = "moderation:dashboard", "moderation:transparency", "moderation:statements_export"


def post(article, text, *, name="Lena Fischer", email="lena@example.org"):
    return post_comment(article, NewComment(author_name=name, text=text, email=email,
                                            accepted_terms=article.site.current_terms))


@pytest.fixture
def other_site(db):
    site = Site.objects.create(slug="courier", name="The Valley Courier", domains=["courier.example"])
    Terms.objects.create(site=site, version=1, text="Be civil.")
    return site


@pytest.fixture
def seeded(settings, article, other_site):
    """On the Gazette: two automatic declines (one later approved by a moderator), a held comment a moderator
    declines, an automatically published comment a reader reports and a moderator deletes, and an appeal against
    the second automatic decline that is upheld. On the Courier: one automatic decline."""
    article.site.moderation_mode = "post"
    article.site.save()
    mod = moderator(article.site)
    settings.PARLEY_MODERATOR = "tests.workspace.reject_as_spam"
    shop = post(article, "Shop now at shop.example for ferry tickets.")
    watches = post(article, "Cheap watches at watches.example.", name="Ola Berg", email="ola@example.org")
    settings.PARLEY_MODERATOR = "tests.workspace.hold_as_hate"
    held = post(article, "Those people ruin the island again.", name="Sam Okoro")
    actions.decline(held, actor=mod, rule="hate")
    actions.approve(shop, actor=mod, reason="A local shop the article mentions.")  # overturns the engine
    settings.PARLEY_MODERATOR = "tests.workspace.publish_all"
    rude = post(article, "The captain is a clown and should be sacked.", name="Rui Costa")
    notices.submit_notice(rude, rule="personal_attack", explanation="It insults the captain by name.",
                          good_faith=True, email="reader@example.org")
    actions.delete(rude, actor=mod, rule="personal_attack")
    appeal = appeals.file_appeal(StatementOfReasons.objects.get(comment=watches),
                                 explanation="It was a genuine tip for readers.")
    appeals.decide_appeal(appeal, actor=mod, outcome="upheld", answer="Links to shops are adverts under our terms.")
    courier = Article.objects.create(site=other_site, external_id="valley-road", url="https://courier.example/road",
                                     title="Valley road reopens")
    settings.PARLEY_MODERATOR = "tests.workspace.reject_as_spam"
    post(courier, "Buy cheap tyres at tyres.example.", name="Ida Lund")
    return {"mod": mod}


@pytest.fixture
def ana(db):
    return analyst()


def url(name, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(name) + (f"?{query}" if query else "")


def svgs(html: str) -> dict[str, ET.Element]:
    """Every chart on the page, parsed as XML, by its id."""
    found = {}
    for markup in re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL):
        root = ET.fromstring(markup)
        found[root.get("id")] = root
    return found


def count(root, tag, cls):
    return sum(1 for el in root.iter(SVG + tag) if cls in (el.get("class") or "").split())


# --- who may open what


@pytest.mark.parametrize(("name", "capability"), [
    (DASHBOARD, "reports"), (TRANSPARENCY, "reports"), (EXPORT, "export"), ("moderation:takedown", "take_down")])
def test_every_reporting_view_declares_its_capability(name, capability):
    assert capability_of(resolve(reverse(name)).func) == capability


@pytest.mark.parametrize("name", [DASHBOARD, TRANSPARENCY, EXPORT])
def test_analysts_read_moderators_without_report_rights_do_not_and_anonymous_visitors_log_in(client, site, name,
                                                                                             verified_login):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={quote(reverse(name))}"
    verified_login(client, moderator(site))
    assert client.get(reverse(name)).status_code == 403
    verified_login(client, analyst())
    assert client.get(reverse(name)).status_code == 200
    verified_login(client, admin())
    assert client.get(reverse(name)).status_code == 200


def test_reporting_pages_are_read_only(client, ana, verified_login):
    verified_login(client, ana)
    assert client.post(reverse(DASHBOARD)).status_code == 405
    assert client.post(reverse(TRANSPARENCY)).status_code == 405


def test_a_site_scoped_moderator_with_report_rights_reads_only_their_sites(client, seeded, site, other_site,
                                                                           verified_login):
    both = person("kim.both", MODERATORS, site)
    both.groups.add(Group.objects.get(name=ANALYSTS))
    verified_login(client, both)
    assert list(reports.visible_sites(both)) == [site]
    data = client.get(url(TRANSPARENCY, format="json")).json()
    assert data["sites"] == ["gazette"] and data["statements"]["total"] == 4
    response = client.get(url(TRANSPARENCY, format="json", site="courier"))
    assert response.status_code == 400 and "courier" in response.json()["detail"]


# --- the dashboard


def test_dashboard_draws_the_charts_with_one_bar_per_day(client, seeded, ana, verified_login):
    verified_login(client, ana)
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    html = response.content.decode()
    charts = svgs(html)
    assert set(charts) == {"chart-status", "chart-rules", "chart-share", "chart-decisions", "chart-wait",
                           "chart-overturn"}
    for root in charts.values():
        assert root.get("role") == "img" and root.find(SVG + "title").text and root.find(SVG + "desc").text
    assert count(charts["chart-status"], "g", "bar") == 30  # the default period: the last 30 days
    assert count(charts["chart-decisions"], "g", "bar") == 30
    # Today's bar: 5 comments posted on both sites, in three statuses (published, declined, deleted).
    assert count(charts["chart-status"], "rect", "segment") == 3
    assert count(charts["chart-share"], "circle", "slice") == 2
    assert count(charts["chart-overturn"], "circle", "point") == 1  # only today had automatic decisions
    assert "<table>" in html and "<caption>Who decided: the numbers</caption>" in html
    assert "Automatically</th><td>4</td>" in html  # 3 automatic declines and 1 automatic publication


def test_dashboard_by_week_and_for_one_site(client, seeded, ana, verified_login):
    verified_login(client, ana)
    today = timezone.localdate()
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=7)  # a Monday, eight weeks back
    response = client.get(url(DASHBOARD, start=start.isoformat(), end=today.isoformat(), by="week", site="gazette"))
    assert response.status_code == 200
    charts = svgs(response.content.decode())
    assert count(charts["chart-status"], "g", "bar") == 8
    share = charts["chart-share"]
    titles = [el.find(SVG + "title").text for el in share.iter(SVG + "circle") if el.get("class") == "slice"]
    assert titles == ["Automatically: 3 (50 %)", "By moderators: 3 (50 %)"]  # the Courier's decline left out


@pytest.mark.parametrize(("params", "message"), [
    ({"start": "yesterday"}, "is not a date: write it as YYYY-MM-DD"),
    ({"start": "2026-02-30"}, "does not exist in the calendar"),
    ({"start": "2026-03-10", "end": "2026-03-01"}, "is before the start date"),
    ({"start": "1899-01-01"}, "out of range"),
    ({"by": "month"}, "choose day or week"),
    ({"start": "2024-01-01", "end": "2026-01-01"}, "Choose by week for a longer period"),
    ({"site": "nowhere"}, "There is no site \u201cnowhere\u201d"),
])
def test_dashboard_refuses_bad_filters_with_400_and_a_message(client, ana, site, params, message, verified_login):
    verified_login(client, ana)
    response = client.get(url(DASHBOARD, **params))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_far_end_of_the_calendar_is_refused_not_a_crash(client, ana, verified_login):
    verified_login(client, ana)
    assert client.get(url(TRANSPARENCY, start="9999-12-31", end="9999-12-31")).status_code == 400


# --- the transparency report


def test_transparency_json_has_the_right_totals(client, seeded, ana, verified_login):
    verified_login(client, ana)
    response = client.get(url(TRANSPARENCY, format="json"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["sites"] == ["gazette", "courier"]
    assert data["last_day"] == timezone.localdate().isoformat()
    statements = data["statements"]
    assert statements["total"] == 5
    assert statements["by_rule"] == {"spam": 3, "hate": 1, "personal_attack": 1}
    assert statements["by_rule_and_ground"] == {"hate": {tdb.INCOMPATIBLE_CONTENT: 1},
                                                "personal_attack": {tdb.INCOMPATIBLE_CONTENT: 1},
                                                "spam": {tdb.INCOMPATIBLE_CONTENT: 3}}
    assert statements["automated_decision"] == {tdb.AUTOMATED_FULLY: 3, tdb.NOT_AUTOMATED: 2}
    assert statements["by_source_type"] == {tdb.SOURCE_VOLUNTARY: 4, tdb.SOURCE_ARTICLE_16: 1}
    assert (data["decisions"]["automatic"], data["decisions"]["human"]) == (4, 3)
    # Overturned: the shop advert approved after its automatic decline, and the rude comment deleted after its
    # automatic publication.
    assert data["decisions"]["automatic_overturned"] == 2 and data["decisions"]["overturn_rate"] == 0.5
    assert data["automated_statements_reversed"] == {"automated": 3, "reversed": 1, "rate": round(1 / 3, 4)}
    assert data["notices"]["received"] == 1 and data["notices"]["actioned"] == 1
    assert data["notices"]["by_reason"] == {"personal_attack": 1}
    assert data["appeals"]["filed"] == 1 and data["appeals"]["upheld"] == 1 and data["appeals"]["reversed"] == 0
    # Everything else is the service's report for the same period, as it is.
    expected = reports.transparency_report(None, datetime.fromisoformat(data["period"]["start"]),
                                           datetime.fromisoformat(data["period"]["end"]))
    expected["statements"]["by_rule_and_ground"] = statements["by_rule_and_ground"]
    assert {key: data[key] for key in expected} == json.loads(json.dumps(expected))


def test_transparency_for_one_site_and_a_past_period(client, seeded, ana, verified_login):
    verified_login(client, ana)
    gazette = client.get(url(TRANSPARENCY, format="json", site="gazette")).json()
    assert gazette["sites"] == ["gazette"] and gazette["statements"]["total"] == 4
    assert gazette["statements"]["by_rule"] == {"spam": 2, "hate": 1, "personal_attack": 1}
    past = client.get(url(TRANSPARENCY, format="json", start="2025-01-01", end="2025-12-31")).json()
    assert past["statements"]["total"] == 0 and past["decisions"]["total"] == 0
    assert past["period"]["start"].startswith("2025-01-01") and past["period"]["end"].startswith("2026-01-01")


def test_transparency_csv_parses_and_matches_the_json(client, seeded, ana, verified_login):
    verified_login(client, ana)
    response = client.get(url(TRANSPARENCY, format="csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="transparency-all-sites-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    value = {(r["section"], r["item"], r["breakdown"]): r["value"] for r in rows}
    assert value[("statements", "total", "")] == "5"
    assert value[("statements", "by_rule", "spam")] == "3"
    assert value[("statements", "by_rule_and_ground", f"hate.{tdb.INCOMPATIBLE_CONTENT}")] == "1"
    assert value[("decisions", "automatic", "")] == "4" and value[("decisions", "human", "")] == "3"
    assert value[("notices", "received", "")] == "1" and value[("appeals", "upheld", "")] == "1"
    assert value[("report", "sites", "")] == "gazette;courier"
    assert value[("decisions", "median_hours_to_decision", "all")] != ""


def test_transparency_html_shows_every_part_with_download_links(client, seeded, ana, site, verified_login):
    verified_login(client, ana)
    response = client.get(url(TRANSPARENCY, site="gazette"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Decisions and statements of reasons", "Use of automated means", "Accuracy indicators",
                    "Notices from readers (DSA Art. 16)", "Appeals (complaints against decisions)"):
        assert heading in html
    spam = escape(rule_label("spam", site))
    assert f'<th scope="row">{spam}</th><td>0</td><td>2</td><td>2</td>' in html  # rule × ground: terms, twice
    assert "2 of 3 (66.7 %)" in html  # automatic decisions overturned on the Gazette
    assert "format=json" in html and "format=csv" in html and reverse(EXPORT) in html


def test_transparency_refuses_bad_input_in_each_format(client, ana, verified_login):
    verified_login(client, ana)
    response = client.get(url(TRANSPARENCY, format="json", start="2026-13-01"))
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and "does not exist in the calendar" in problem["detail"]
    response = client.get(url(TRANSPARENCY, format="csv", end="01/02/2026"))
    assert response.status_code == 400 and "YYYY-MM-DD" in response.content.decode()
    response = client.get(url(TRANSPARENCY, start="2026-03-10", end="2026-03-01"))
    assert response.status_code == 400 and "is before the start date" in response.content.decode()
    response = client.get(url(TRANSPARENCY, format="xml"))
    assert response.status_code == 400 and "use html, json or csv" in response.content.decode()


# --- the export of statements


def test_export_streams_one_object_per_statement_in_transparency_database_fields(client, seeded, ana, verified_login):
    verified_login(client, ana)
    response = client.get(url(EXPORT, site="gazette"))
    assert response.status_code == 200 and response.streaming
    assert response["X-Total-Count"] == "4"
    data = json.loads(b"".join(response.streaming_content))
    assert list(data) == ["statements"] and len(data["statements"]) == 4
    expected = [s.to_transparency_json() for s in StatementOfReasons.objects.filter(site__slug="gazette")
                .order_by("created_at", "id")]
    assert data["statements"] == json.loads(json.dumps(expected, default=str))
    for statement in data["statements"]:
        assert tdb.validate(statement) == []
        assert {"decision_ground", "category", "puid", "automated_detection", "automated_decision",
                "source_type", "content_date", "application_date"} <= set(statement)
        assert "message" not in statement and "rule" not in statement  # Parley's own fields stay home
    event = AuditEvent.objects.get(action="statements.exported")
    assert event.actor == ana and event.data["count"] == 4 and event.data["sites"] == ["gazette"]


def test_export_of_an_empty_period_is_valid_json(client, seeded, ana, verified_login):
    verified_login(client, ana)
    response = client.get(url(EXPORT, start="2025-01-01", end="2025-01-31"))
    assert json.loads(b"".join(response.streaming_content)) == {"statements": []}


def test_export_reads_in_chunks(client, seeded, ana, django_assert_max_num_queries, monkeypatch, verified_login):
    from parley.apps.moderation.views import export

    monkeypatch.setattr(export, "CHUNK", 2)
    verified_login(client, ana)
    response = client.get(reverse(EXPORT))
    with django_assert_max_num_queries(3):  # 5 statements, 2 at a time: the rows come in three fetches at most
        body = b"".join(response.streaming_content)
    assert len(json.loads(body)["statements"]) == 5


def test_export_refuses_bad_dates_with_a_problem(client, ana, verified_login):
    verified_login(client, ana)
    response = client.get(url(EXPORT, start="2026-01-01", end="2025-01-01"))
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert "before the start date" in response.json()["detail"]
    assert not AuditEvent.objects.filter(action="statements.exported").exists()
