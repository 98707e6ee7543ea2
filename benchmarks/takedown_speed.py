"""How fast an emergency take-down takes effect: from the admin's confirming request to the comment being gone.

    python benchmarks/takedown_speed.py [--takedowns 30] [--extra-comments 40]

Builds the demo site (what ``parley seed-demo`` creates, plus ``--extra-comments`` published comments spread over
its open articles) in Django's test database (``test_<name>`` of DATABASE_URL, or a throw-away SQLite file), signs
in a Parley admin, and takes down ``--takedowns`` published comments through the real view with the test client:
the preview POST, then the confirming POST (timed). Right after the confirmation returns, each check polls its
public URL until the comment is gone, and its time is counted from the start of the confirming request:

* the article page (newest first, so the comment is on the first page) no longer contains the text;
* the API's list of the article's comments no longer contains it;
* the embed fragment no longer contains it;
* the sitemap's ``lastmod`` for the article shows today (before each take-down the article's last change is moved
  two days back, since the sitemap gives ``lastmod`` to the day).

Prints p50 and max in milliseconds per check, and drops the test database afterwards. The figures are in-process
(no network, no web server); a CDN in front of Parley adds its own purge time (``PARLEY_PURGE_HOOK``).
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from html import unescape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

POLL_LIMIT = 10.0  # seconds a check may wait before the run fails


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takedowns", type=int, default=30, help="How many comments to take down.")
    parser.add_argument("--extra-comments", type=int, default=40,
                        help="Published comments added to the demo's discussion before the run.")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="parley-bench-")
    os.environ.setdefault("PARLEY_DATA_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    # The demo's comments are seeded with their stated outcomes; the engine's own speed is benchmarks/moderation_speed.
    os.environ.setdefault("PARLEY_MODERATOR", "parley.moderation.hold_all")
    import django

    django.setup()
    import logging

    logging.getLogger("django.tasks").setLevel(logging.WARNING)  # one line per e-mail to a commenter otherwise
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection_name = settings.DATABASES["default"]["NAME"]
    from django.db import connection

    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(connection_name if test_db is None else test_db, verbosity=0)


def build(extra: int):
    """The demo site plus ``extra`` published comments; returns the site's published comments, newest first."""
    from django.utils import timezone

    from parley.apps.comments.models import Comment, Status
    from parley.apps.comments.services import NewComment, post_comment, set_status
    from parley.demo.seed import seed_demo

    site = seed_demo().site
    now = timezone.now()
    open_articles = [a for a in site.articles.order_by("pk") if not a.closed_because(now)]
    terms = site.current_terms
    for i in range(extra):
        article = open_articles[i % len(open_articles)]
        comment = post_comment(article, NewComment(
            author_name=f"Reader {i:03d} Example", accepted_terms=terms,
            text=f"Benchmark comment {i:03d}: the ferry timetable change affects commuters on the north shore."))
        set_status(comment, Status.PUBLISHED, actor_label="benchmark", reason="seeded")
    return site, list(Comment.objects.filter(article__site=site, status=Status.PUBLISHED).order_by("-pk"))


def admin_client():
    from django.apps import apps
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from parley.apps.moderation.permissions import ADMINS

    user = User.objects.create_user("bench.admin", email="bench.admin@newsroom.example", password="not-a-real-pw")
    user.groups.add(Group.objects.get(name=ADMINS))
    client = Client()
    client.force_login(user)
    if apps.is_installed("django_otp"):  # staff sessions count once verified with a second factor
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def take_down(client, url: str, comment) -> float:
    """Preview, then confirm (the confirming request is what is timed); returns when it started."""
    preview = client.post(url, {"reference": str(comment.pk), "reason": "Benchmark: removal order drill",
                                "rule": "extremism", "step": "preview"})
    assert preview.status_code == 200, preview.status_code
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', preview.content.decode()))
    fields = {name: unescape(value) for name, value in fields.items() if name != "csrfmiddlewaretoken"}
    started = time.perf_counter()
    response = client.post(url, fields)
    assert response.status_code == 302, (response.status_code, response.content[:500])
    return started


def poll(name: str, check) -> float:
    """Seconds until ``check()`` is true, calling it again until POLL_LIMIT."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > POLL_LIMIT:
            raise SystemExit(f"still there after {POLL_LIMIT} s: {name}")
    return time.perf_counter() - start


def run(args) -> None:
    from datetime import timedelta

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.http import urlencode

    from parley.apps.articles.models import Article

    t0 = time.perf_counter()
    site, comments = build(args.extra_comments)
    if len(comments) < args.takedowns:
        raise SystemExit(f"only {len(comments)} published comments; raise --extra-comments")
    print(f"built the demo site ({site.articles.count()} articles, {len(comments)} published comments) in "
          f"{time.perf_counter() - t0:.1f}s on {connection.vendor}", file=sys.stderr)
    admin, reader = admin_client(), Client()
    url = reverse("moderation:takedown")
    today = timezone.localdate().isoformat()
    timings: dict[str, list[float]] = {name: [] for name in
                                       ("confirm request", "article page", "API list", "embed fragment", "sitemap")}
    for comment in comments[: args.takedowns]:
        article = comment.article
        text = comment.body_markdown
        page_url = article.get_absolute_url() + "?sort=newest"
        api_url = reverse("api-v1:article_comments", kwargs={"article_id": article.pk})
        embed_url = reverse("embed:fragment") + "?" + urlencode({"site": site.slug, "article": article.external_id})
        loc = re.compile(rf"<loc>[^<]*{re.escape(article.get_absolute_url())}</loc><lastmod>([^<]+)</lastmod>")
        earlier = timezone.now() - timedelta(days=2)
        Article.objects.filter(pk=article.pk).update(comments_updated_at=earlier, updated_at=earlier,
                                                     published_at=earlier)
        assert text in reader.get(page_url).content.decode(), "the comment is not on the article page"
        assert loc.search(reader.get("/sitemap.xml").content.decode()).group(1) != today

        checks = {
            "article page": lambda url=page_url, text=text: text not in reader.get(url).content.decode(),
            "API list": lambda url=api_url, text=text: text not in reader.get(url).content.decode(),
            "embed fragment": lambda url=embed_url, text=text: text not in reader.get(url).content.decode(),
            "sitemap": lambda loc=loc: loc.search(reader.get("/sitemap.xml").content.decode()).group(1) == today,
        }
        started = take_down(admin, url, comment)
        done = time.perf_counter() - started
        timings["confirm request"].append(done)
        for name, check in checks.items():
            timings[name].append(done + poll(name, check))

    n = args.takedowns
    print(f"| time from the confirming request to… ({n} take-downs, {connection.vendor}) | p50 ms | max ms |")
    print("|---|---:|---:|")
    labels = {"confirm request": "take-down done (response)", "article page": "article page no longer shows it",
              "API list": "API no longer lists it", "embed fragment": "embed fragment no longer shows it",
              "sitemap": "sitemap lastmod updated"}
    for name, values in timings.items():
        print(f"| {labels[name]} | {statistics.median(values) * 1000:.1f} | {max(values) * 1000:.1f} |")


if __name__ == "__main__":
    main()
