"""Time the public comments page on one large thread.

    python benchmarks/thread_page.py [--comments 10000] [--runs 20]

Builds the thread in Django's test database (``test_<name>`` of DATABASE_URL, or a throw-away SQLite file),
renders pages through the test client (no network), prints median and p95 milliseconds per request, and
drops the test database afterwards.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="parley-bench-")
    os.environ.setdefault("PARLEY_DATA_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
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


def build(n: int):
    """One article with ``n`` published comments: 40% top-level, the rest replies to recent comments."""
    from django.utils import timezone

    from parley.apps.articles.models import Article, Site
    from parley.apps.comments.models import Comment, Commenter, Status
    from parley.apps.comments.services import _encode_path_step

    site = Site.objects.create(slug="bench", name="Bench")
    article = Article.objects.create(site=site, external_id="big", url="https://bench.example/big", title="Big")
    commenter = Commenter.objects.create(site=site, display_name="Reader")
    rng = random.Random(7)
    now = timezone.now()
    first_id = (Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    made: list[Comment] = []
    for i in range(n):
        parent = rng.choice(made[-200:]) if made and rng.random() < 0.6 else None
        pk = first_id + i
        made.append(Comment(
            pk=pk, article=article, parent=parent, root_id=(parent.root_id or parent.pk) if parent else None,
            depth=parent.depth + 1 if parent else 0, commenter=commenter, author_name="Reader",
            path=(parent.path if parent else "") + _encode_path_step(pk),
            body_markdown=f"Comment {i}", body_html=f"<p>Comment {i}</p>", status=Status.PUBLISHED,
            created_at=now - timezone.timedelta(seconds=n - i), published_at=now,
        ))
    counts: dict[int, int] = {}
    for m in made:
        for ancestor in m.ancestor_ids():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    for m in made:
        m.reply_count = counts.get(m.pk, 0)
    Comment.objects.bulk_create(made, batch_size=1000)
    return article


def timed(client, url: str, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def run(args) -> None:
    import re

    from django.db import connection
    from django.test import Client

    t0 = time.perf_counter()
    article = build(args.comments)
    print(f"built {args.comments} comments in {time.perf_counter() - t0:.1f}s on {connection.vendor}", file=sys.stderr)
    client = Client()
    base = article.get_absolute_url()
    html = client.get(base).content.decode()
    cursor_url = None
    for _ in range(20):  # walk 20 pages deep for a late cursor
        m = re.search(r'<link rel="next" href="([^"]+)"', html)
        if not m:
            break
        cursor_url = m.group(1).replace("&amp;", "&")
        html = client.get(cursor_url).content.decode()
    rows = [
        ("first page (oldest)", base),
        ("first page (newest)", base + "?sort=newest"),
        ("first page (most replies)", base + "?sort=replies"),
        ("page 21 by cursor", cursor_url or base),
        ("sitemap.xml", "/sitemap.xml"),
    ]
    print(f"| request ({args.comments} comments, {connection.vendor}) | median ms | p95 ms |")
    print("|---|---:|---:|")
    for label, url in rows:
        median, p95 = timed(client, url, args.runs)
        print(f"| {label} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
