"""Quality with the real encoder: articles written for this test in five subjects find their own subject.

Each article's top 3 must all be from its own subject (``articles.jsonl``: 25 invented news stories, 5 per
subject). An updated version of a story is a near-duplicate and is not offered as related.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from parley.related.index import ApproxIndex, ExactIndex
from parley.related.lookup import find_related
from parley.related.ranking import RankingSettings
from parley.related.vectors import embed_article, embed_articles, encoder_fingerprint

ARTICLES = [json.loads(line) for line in (Path(__file__).parent / "articles.jsonl").read_text().splitlines()
            if line.strip()]
NOW = datetime.fromisoformat("2026-11-05T12:00:00+00:00")


@pytest.fixture(scope="module")
def vectors(encoder):
    return embed_articles([(a["title"], a["body"]) for a in ARTICLES], encoder)


def published(wanted):
    by_id = {a["id"]: datetime.fromisoformat(a["published_at"]) for a in ARTICLES}
    return {i: by_id[i] for i in wanted if i in by_id}


def test_the_fixture_has_five_subjects_of_five_articles():
    subjects = [a["topic"] for a in ARTICLES]
    assert len(ARTICLES) == 25 and len({a["id"] for a in ARTICLES}) == 25
    assert sorted(subjects.count(s) for s in set(subjects)) == [5] * 5


def test_vectors_are_unit_vectors_of_the_engines_article_text(encoder, vectors):
    from parley.moderation.engine import article_text

    assert vectors.shape == (25, encoder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    first = ARTICLES[0]
    assert np.allclose(vectors[0], encoder.embed([article_text(first["title"], first["body"])])[0], atol=1e-6)
    assert np.allclose(embed_article(first["title"], first["body"], encoder), vectors[0], atol=1e-6)
    assert encoder_fingerprint(encoder).startswith("minilm-l6-int8:")


@pytest.mark.parametrize("kind", [ExactIndex, ApproxIndex])
def test_each_articles_top_three_are_from_its_own_subject(kind, vectors):
    index = kind()
    index.add([a["id"] for a in ARTICLES], vectors)
    subject = {a["id"]: a["topic"] for a in ARTICLES}
    wrong = {}
    for article in ARTICLES:
        results = find_related(index, article["id"], published=published, k=3, now=NOW)
        assert len(results) == 3
        assert all(r.score is not None and r.reason == "similar" for r in results)
        off = [(r.id, subject[r.id]) for r in results if subject[r.id] != article["topic"]]
        if off:
            wrong[article["id"]] = off
    assert wrong == {}, f"articles whose top 3 include another subject: {wrong}"


def test_the_duplicate_threshold_separates_updates_from_different_stories(encoder, vectors):
    """Different stories, even on one subject, stay below the threshold; a story with a new paragraph does not."""
    threshold = RankingSettings().duplicate_threshold
    similarities = vectors @ vectors.T
    np.fill_diagonal(similarities, -1)
    assert similarities.max() < threshold - 0.05  # a margin: the closest different stories measure about 0.81

    original = ARTICLES[3]  # "Second vessel ordered for the Skerry Island crossing", two sentences
    update = original["body"] + (" The operator said on Friday that the new boat will carry 120 passengers and"
                                 " twelve cars, and that the order was paid for by the island's council.")
    updated_vector = embed_article(original["title"] + " (updated)", update, encoder)  # body 50 % longer
    assert float(updated_vector @ vectors[3]) >= threshold


def test_an_updated_story_is_a_near_duplicate_not_a_related_article(encoder, vectors):
    original = ARTICLES[0]
    updated = {
        "id": 100,
        "title": "Skerry Island ferry returns after a two-year pause",
        "body": original["body"] + " The first crossing leaves Port Aldwick at 7.15am.",
        "published_at": "2026-09-03T09:00:00+00:00",
    }
    updated_vector = embed_article(updated["title"], updated["body"], encoder)
    assert float(updated_vector @ vectors[0]) >= RankingSettings().duplicate_threshold

    index = ExactIndex()
    index.add([a["id"] for a in ARTICLES] + [100], np.vstack([vectors, updated_vector]))

    def with_update(wanted):
        found = published([i for i in wanted if i != 100])
        if 100 in wanted:
            found[100] = datetime.fromisoformat(updated["published_at"])
        return found

    # reading the original, the update is not offered; reading another ferry story, only one copy is
    assert 100 not in [r.id for r in find_related(index, 1, published=with_update, k=4, now=NOW)]
    related = [r.id for r in find_related(index, 2, published=with_update, k=4, now=NOW)]
    assert len({1, 100} & set(related)) == 1 and 100 in related  # the newer copy is kept
