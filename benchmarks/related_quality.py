"""Precision@3 of related articles: how many of an article's top 3 are on its own subject.

Runs the whole pipeline (the shipped encoder, the exact index, ``find_related`` with the default ranking:
near-duplicates out, recency boost) on labelled archives and prints precision@3 for each:

* the demo's sample archive, the 35 articles ``parley seed-demo`` imports (``import_demo_articles``): the
  latest stories in ``src/parley/demo/feed.xml`` and the earlier ones in ``src/parley/demo/archive.xml``,
  seven on each of five subjects, one of them re-published with an update. They are read here with
  feedparser and nh3 as the importer does, without Django. An article's subject is its first
  ``<category>``, else its section, the first segment of its URL path (ledger.example/economy/... ->
  economy);
* the authored fixture of the quality test, ``tests/related/articles.jsonl`` (25 articles, 5 subjects);
* any other RSS or Atom feed given with ``--feed`` (a publisher's own archive, labelled the same way).

"ceiling" is the best precision@3 possible: an article with fewer than 3 others on its subject cannot
fill its top 3 from it. The per-article lists of the demo archive are printed for inspection.

    .venv/bin/python benchmarks/related_quality.py [--feed archive.xml ...] [--k 3]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from parley.moderation.encoder import Encoder
from parley.related.index import ExactIndex
from parley.related.lookup import find_related
from parley.related.vectors import embed_articles

DEMO_FEEDS = (REPO / "src" / "parley" / "demo" / "feed.xml", REPO / "src" / "parley" / "demo" / "archive.xml")
FIXTURE = REPO / "tests" / "related" / "articles.jsonl"
BODY_MAX_CHARS = 5000  # parley.apps.articles.feeds.BODY_MAX_CHARS
_BLOCK_TAG = re.compile(r"<(/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|blockquote|section|article)\b)", re.IGNORECASE)


@dataclass
class LabelledArticle:
    id: int
    title: str
    body: str
    label: str
    published_at: datetime | None


def _to_text(markup: str) -> str:
    """HTML to one line of text, as the feed importer does (parley.apps.articles.feeds.to_text)."""
    import nh3

    text = nh3.clean(_BLOCK_TAG.sub(r" <\1", markup or ""), tags=set())
    return " ".join(html.unescape(text).split())[:BODY_MAX_CHARS]


def read_feed(*paths: Path) -> list[LabelledArticle]:
    """The entries of one or more feeds, numbered in order."""
    import feedparser

    entries = [entry for path in paths for entry in feedparser.parse(path.read_bytes()).entries]
    articles = []
    for number, entry in enumerate(entries, start=1):
        link = entry.get("link") or ""
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        section = next((s for s in urlsplit(link).path.split("/") if s), "")
        content = entry.get("content") or []
        body = _to_text(content[0].get("value", "") if content else entry.get("summary", ""))
        parsed_date = entry.get("published_parsed") or entry.get("updated_parsed")
        articles.append(LabelledArticle(
            id=number, title=_to_text(entry.get("title", "")), body=body, label=(tags[0] if tags else section),
            published_at=datetime(*parsed_date[:6], tzinfo=UTC) if parsed_date else None,
        ))
    return articles


def read_fixture(path: Path) -> list[LabelledArticle]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [LabelledArticle(r["id"], r["title"], r["body"], r["topic"], datetime.fromisoformat(r["published_at"]))
            for r in rows]


def evaluate(name: str, articles: list[LabelledArticle], encoder: Encoder, k: int, show: bool) -> None:
    if len(articles) < 2:
        print(f"{name}: {len(articles)} article(s), nothing to compare")
        return
    vectors = embed_articles([(a.title, a.body) for a in articles], encoder)
    index = ExactIndex()
    index.add([a.id for a in articles], vectors)
    by_id = {a.id: a for a in articles}
    newest = max((a.published_at for a in articles if a.published_at), default=datetime.now(UTC))

    def published(ids):
        return {i: by_id[i].published_at for i in ids if i in by_id}

    precisions, ceilings = [], []
    for article in articles:
        results = find_related(index, article.id, published=published, k=k, now=newest)
        same = sum(by_id[r.id].label == article.label for r in results)
        peers = sum(a.label == article.label for a in articles) - 1
        precisions.append(same / k)
        ceilings.append(min(k, peers) / k)
        if show:
            listed = "; ".join(f"{by_id[r.id].label}: {by_id[r.id].title[:48]} ({r.score:.2f})" for r in results)
            print(f"  [{article.label}] {article.title[:60]}\n      -> {listed}")
    labels = sorted({a.label for a in articles})
    print(f"{name}: {len(articles)} articles, {len(labels)} subjects ({', '.join(labels)}): "
          f"precision@{k} {np.mean(precisions):.3f} (ceiling {np.mean(ceilings):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feed", type=Path, nargs="*", default=[], help="More RSS/Atom archives to score.")
    parser.add_argument("--k", type=int, default=3)
    args = parser.parse_args()

    encoder = Encoder(threads=2).load()
    demo_name = " + ".join(str(path.relative_to(REPO)) for path in DEMO_FEEDS)
    evaluate(f"demo archive ({demo_name})", read_feed(*DEMO_FEEDS), encoder, args.k, show=True)
    evaluate(f"quality fixture ({FIXTURE.relative_to(REPO)})", read_fixture(FIXTURE), encoder, args.k, show=False)
    for feed in args.feed:
        evaluate(str(feed), read_feed(feed), encoder, args.k, show=False)


if __name__ == "__main__":
    main()
