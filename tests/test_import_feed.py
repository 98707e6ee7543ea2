"""``import-feed``: RSS and Atom into articles, re-imports update, bad input is a clear error."""

from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from threading import Thread

import pytest
from django.core.management import CommandError, call_command

from parley.apps.articles.feeds import FeedError, external_id_for, read_source, to_text
from parley.apps.articles.models import Article
from parley.demo.seed import FEED_PATH


def run(*args, **options) -> str:
    out = StringIO()
    call_command("import_feed", *args, stdout=out, **options)
    return out.getvalue()


def test_imports_the_demo_feed(site):
    output = run(str(FEED_PATH), site="gazette")
    assert "Imported 5 new, updated 0, skipped 0 articles into gazette." in output
    articles = Article.objects.filter(site=site)
    assert articles.count() == 5
    article = articles.get(external_id="region/ceasefire-talks-monitoring-plan")
    assert article.url == "https://ledger.example/region/ceasefire-talks-monitoring-plan"
    assert article.title == "Ceasefire talks resume with a plan for international monitors"
    assert article.body.startswith("Negotiators from both sides returned to the table")
    assert "<p>" not in article.body and "“a workable basis”" in article.body
    assert article.published_at == datetime(2026, 11, 20, 8, 15, tzinfo=UTC)
    assert all(a.published_at.utcoffset().total_seconds() == 0 for a in articles)
    assert not any(a.comments_closed or a.close_after_days for a in articles)


def test_reimport_updates_instead_of_duplicating(site):
    run(str(FEED_PATH), site="gazette")
    article = Article.objects.get(site=site, external_id="region/ceasefire-talks-monitoring-plan")
    Article.objects.filter(pk=article.pk).update(title="Old title", comments_closed=True)
    output = run(str(FEED_PATH), site="gazette", close_after_days=14)
    assert "Imported 0 new, updated 5, skipped 0 articles into gazette." in output
    assert Article.objects.filter(site=site).count() == 5
    article.refresh_from_db()
    assert article.title == "Ceasefire talks resume with a plan for international monitors"
    assert article.comments_closed and article.close_after_days == 14


def test_limit_and_dry_run(site):
    output = run(str(FEED_PATH), site="gazette", limit=2, dry_run=True)
    assert "Imported 2 new, updated 0, skipped 0 articles into gazette." in output and "Dry run" in output
    assert not Article.objects.exists()


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Gazette</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-03-02T10:00:00Z</updated>
  <entry>
    <title>Night ferry &amp; bus timetable</title>
    <link rel="alternate" href="https://gazette.example/2026/night-ferry.html?ref=feed"/>
    <id>tag:gazette.example,2026-03-02:/night-ferry</id>
    <updated>2026-03-02T09:30:00+01:00</updated>
    <content type="html">&lt;p&gt;The night ferry runs &lt;em&gt;hourly&lt;/em&gt;.&lt;/p&gt;&lt;p&gt;Buses wait.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Harbour wall repairs</title>
    <link rel="alternate" href="https://gazette.example/2026/harbour-wall"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <summary>Repairs start in April.</summary>
  </entry>
  <entry>
    <title>An entry without a link</title>
    <id>urn:uuid:0000</id>
  </entry>
</feed>
"""


def test_imports_atom_and_skips_entries_without_link(site, tmp_path):
    path = tmp_path / "gazette.atom"
    path.write_text(ATOM, encoding="utf-8")
    output = run(str(path), site="gazette")
    assert "Imported 2 new, updated 0, skipped 1 articles into gazette." in output
    assert "'An entry without a link': it has no link" in output
    ferry = Article.objects.get(title="Night ferry & bus timetable")
    assert ferry.external_id == external_id_for("tag:gazette.example,2026-03-02:/night-ferry", "")
    assert ferry.external_id.startswith("feed-")
    assert ferry.body == "The night ferry runs hourly. Buses wait."
    assert ferry.published_at == datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    wall = Article.objects.get(external_id="urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")
    assert wall.body == "Repairs start in April." and wall.published_at.tzinfo is not None
    assert "Imported 0 new, updated 2, skipped 1" in run(str(path), site="gazette")


def test_external_id_rule():
    assert external_id_for("story-42", "https://x.example/a") == "story-42"
    assert external_id_for("https://x.example/2026/Ferry%20Returns.html", "") == "2026/Ferry-Returns.html"
    assert external_id_for("", "https://x.example/news/ferry/") == "news/ferry"
    hashed = external_id_for("", "https://x.example/?p=123")
    assert hashed.startswith("feed-") and hashed == external_id_for("", "https://x.example/?p=123")
    assert external_id_for("", "https://x.example/?p=124") != hashed


def test_html_is_stripped_to_plain_text():
    assert to_text("<p>A &amp; B</p><script>x()</script><ul><li>one</li><li>two</li></ul>") == "A & B one two"


def test_missing_and_broken_files_are_command_errors(site, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "nope.xml"), site="gazette")
    broken = tmp_path / "broken.xml"
    broken.write_text("this is <not a feed", encoding="utf-8")
    with pytest.raises(CommandError, match="Not an RSS or Atom feed"):
        run(str(broken), site="gazette")
    with pytest.raises(CommandError, match="Could not fetch"):
        run("http://127.0.0.1:9/feed.xml", site="gazette")


def test_unknown_site_lists_the_known_ones(site):
    with pytest.raises(CommandError, match=r"No site with the slug 'nowhere'\. Known sites: gazette\."):
        run(str(FEED_PATH), site="nowhere")


@pytest.fixture
def feed_server():
    """A local HTTP server that serves the demo feed and remembers the request headers."""
    seen = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.update(self.headers)
            body = FEED_PATH.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/feed.xml", seen
    server.shutdown()
    server.server_close()


def test_fetches_over_http_with_a_user_agent_and_a_size_cap(site, feed_server):
    url, seen = feed_server
    assert "Imported 5 new" in run(url, site="gazette", limit=5)
    assert seen["User-Agent"].startswith("Parley/")
    with pytest.raises(FeedError, match="larger than"):
        read_source(url, max_bytes=1000)
