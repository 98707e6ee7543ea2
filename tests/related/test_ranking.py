"""Ranking of related articles: self and near-duplicates out, newer copy kept, recency boost, pins, k."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from parley.related.index import ExactIndex
from parley.related.lookup import find_related
from parley.related.ranking import (
    MAX_K,
    PINNED,
    SIMILAR,
    Candidate,
    RankingSettings,
    rank,
    recency_bonus,
)
from parley.related.vectors import DIM, as_unit_vector

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
NO_BOOST = RankingSettings(recency_boost=0.0)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def unit(seed: int) -> np.ndarray:
    return as_unit_vector(np.random.default_rng(seed).normal(size=DIM))


def near(vector: np.ndarray, cosine: float, seed: int) -> np.ndarray:
    """A unit vector at exactly ``cosine`` to ``vector``."""
    other = np.random.default_rng(seed).normal(size=DIM)
    other -= (other @ vector) * vector
    other /= np.linalg.norm(other)
    return as_unit_vector(cosine * vector + np.sqrt(1 - cosine**2) * other)


def ids(results) -> list[int]:
    return [r.id for r in results]


def test_results_are_ordered_by_similarity_and_carry_scores():
    candidates = [Candidate(2, 0.61, days_ago(3)), Candidate(3, 0.82, days_ago(3)), Candidate(4, 0.40, days_ago(3))]
    results = rank(candidates, article_id=1, now=NOW, settings=NO_BOOST)
    assert ids(results) == [3, 2, 4]
    assert [r.score for r in results] == pytest.approx([0.82, 0.61, 0.40])
    assert all(r.reason == SIMILAR for r in results)


def test_the_article_itself_is_never_related():
    candidates = [Candidate(1, 1.0, days_ago(1)), Candidate(2, 0.5, days_ago(1))]
    assert ids(rank(candidates, article_id=1, now=NOW)) == [2]


def test_near_duplicates_of_the_article_are_dropped():
    candidates = [
        Candidate(2, 0.97, days_ago(0)),  # the same story re-published
        Candidate(3, 0.90, days_ago(0)),  # at the threshold: a duplicate too
        Candidate(4, 0.89, days_ago(0)),
        Candidate(5, 0.70, days_ago(0)),
    ]
    assert ids(rank(candidates, article_id=1, now=NOW)) == [4, 5]
    lenient = RankingSettings(duplicate_threshold=0.99)
    assert ids(rank(candidates, article_id=1, now=NOW, settings=lenient)) == [2, 3, 4, 5]


def test_near_duplicates_among_results_keep_only_the_newer_copy():
    story = unit(1)
    copy = near(story, 0.98, seed=2)  # the same story, updated and re-published
    other = near(story, 0.60, seed=3)
    candidates = [
        Candidate(10, 0.80, days_ago(40), story),  # the original, more similar to the article
        Candidate(11, 0.78, days_ago(2), copy),  # the newer copy wins
        Candidate(12, 0.50, days_ago(5), other),
    ]
    results = rank(candidates, article_id=1, now=NOW, settings=NO_BOOST)
    assert ids(results) == [11, 12]
    assert results[0].similarity == pytest.approx(0.78)

    # without vectors the ranking cannot see that they are copies, and keeps both
    blind = [Candidate(c.id, c.similarity, c.published_at) for c in candidates]
    assert ids(rank(blind, article_id=1, now=NOW, settings=NO_BOOST)) == [10, 11, 12]


def test_a_chain_of_copies_collapses_to_the_newest():
    story = unit(4)
    candidates = [
        Candidate(20, 0.70, days_ago(30), story),
        Candidate(21, 0.69, days_ago(1), near(story, 0.99, seed=5)),
        Candidate(22, 0.68, days_ago(10), near(story, 0.98, seed=6)),
        Candidate(23, 0.30, days_ago(10), near(story, 0.20, seed=7)),
    ]
    assert ids(rank(candidates, article_id=1, now=NOW, settings=NO_BOOST)) == [21, 23]


def test_recency_boost_reorders_near_equal_matches_only():
    candidates = [
        Candidate(2, 0.700, days_ago(400)),
        Candidate(3, 0.690, days_ago(0.5)),  # slightly less similar but fresh: moves ahead
        Candidate(4, 0.550, days_ago(0)),  # fresh but clearly less similar: stays behind
    ]
    results = rank(candidates, article_id=1, now=NOW)
    assert ids(results) == [3, 2, 4]
    assert results[0].score > results[0].similarity
    assert results[1].score == pytest.approx(0.700, abs=1e-4)
    assert ids(rank(candidates, article_id=1, now=NOW, settings=NO_BOOST)) == [2, 3, 4]


def test_recency_bonus_halves_every_half_life():
    settings = RankingSettings(recency_boost=0.08, half_life_days=10)
    assert recency_bonus(days_ago(0), NOW, settings) == pytest.approx(0.08)
    assert recency_bonus(days_ago(10), NOW, settings) == pytest.approx(0.04)
    assert recency_bonus(days_ago(20), NOW, settings) == pytest.approx(0.02)
    assert recency_bonus(NOW + timedelta(days=3), NOW, settings) == pytest.approx(0.08)  # scheduled: as new
    assert recency_bonus(None, NOW, settings) == 0.0
    naive = datetime(2026, 11, 10, 12, 0)  # naive times are read as UTC
    assert recency_bonus(naive, NOW, settings) == pytest.approx(0.04)


def test_a_site_with_a_stronger_boost_favours_recent_stories():
    candidates = [Candidate(2, 0.72, days_ago(60)), Candidate(3, 0.62, days_ago(1))]
    assert ids(rank(candidates, article_id=1, now=NOW)) == [2, 3]
    breaking = RankingSettings(recency_boost=0.2, half_life_days=7)
    assert ids(rank(candidates, article_id=1, now=NOW, settings=breaking)) == [3, 2]


def test_pins_come_first_in_the_publishers_order_without_repeats():
    candidates = [Candidate(i, 0.9 - i / 100, days_ago(i)) for i in range(2, 9)]
    results = rank(candidates, article_id=1, now=NOW, pins=[7, 3, 7, 1, 42])
    assert ids(results) == [7, 3, 42, 2, 4]
    assert [r.reason for r in results] == [PINNED, PINNED, PINNED, SIMILAR, SIMILAR]
    assert results[0].similarity == pytest.approx(0.83)  # a pinned candidate keeps its score
    assert results[2].score is None and results[2].similarity is None  # its vector is unknown


def test_pins_override_the_computed_list_entirely_when_there_are_k_of_them():
    candidates = [Candidate(i, 0.8, days_ago(1)) for i in range(2, 9)]
    results = rank(candidates, article_id=1, k=3, now=NOW, pins=[30, 31, 32, 33])
    assert ids(results) == [30, 31, 32]
    assert {r.reason for r in results} == {PINNED}


def test_copies_of_a_pinned_story_are_not_shown_again():
    story = unit(9)
    candidates = [
        Candidate(5, 0.6, days_ago(3), story),
        Candidate(6, 0.7, days_ago(1), near(story, 0.97, seed=10)),
        Candidate(7, 0.4, days_ago(1), near(story, 0.10, seed=11)),
    ]
    assert ids(rank(candidates, article_id=1, now=NOW, pins=[5])) == [5, 7]


@pytest.mark.parametrize("k", [0, 1, 3, MAX_K])
def test_k_bounds(k):
    candidates = [Candidate(i, 0.9 - i / 1000, days_ago(1)) for i in range(2, 200)]
    results = rank(candidates, article_id=1, k=k, now=NOW)
    assert len(results) == k
    assert len(rank(candidates[:2], article_id=1, k=k, now=NOW)) == min(k, 2)


@pytest.mark.parametrize("k", [-1, MAX_K + 1, 2.0, True, "5"])
def test_bad_k_is_refused(k):
    with pytest.raises((TypeError, ValueError), match="k must"):
        rank([], article_id=1, k=k, now=NOW)


def test_no_candidates_gives_an_empty_list():
    assert rank([], article_id=1, now=NOW) == []


@pytest.mark.parametrize("values", [
    {"recency_boost": -0.1}, {"recency_boost": 2}, {"half_life_days": 0}, {"half_life_days": float("nan")},
    {"duplicate_threshold": 0}, {"duplicate_threshold": 1.5}, {"min_similarity": 0.95}, {"min_similarity": -2},
])
def test_settings_are_validated(values):
    with pytest.raises(ValueError):
        RankingSettings(**values)


def test_a_site_may_leave_out_weak_matches():
    candidates = [Candidate(2, 0.62, days_ago(1)), Candidate(3, 0.18, days_ago(1)), Candidate(4, 0.31, days_ago(1))]
    assert ids(rank(candidates, article_id=1, now=NOW)) == [2, 4, 3]
    strict = RankingSettings(min_similarity=0.3)
    assert ids(rank(candidates, article_id=1, now=NOW, settings=strict)) == [2, 4]
    assert ids(rank(candidates, article_id=1, now=NOW, settings=strict, pins=[3])) == [3, 2, 4]  # pins still show


def test_a_candidate_listed_twice_counts_once():
    candidates = [Candidate(2, 0.5, days_ago(1)), Candidate(2, 0.6, days_ago(1)), Candidate(3, 0.55, days_ago(1))]
    results = rank(candidates, article_id=1, now=NOW, settings=NO_BOOST)
    assert ids(results) == [2, 3] and results[0].similarity == pytest.approx(0.6)


class TestFindRelated:
    """The lookup: index search, publication filter and ranking together."""

    @pytest.fixture
    def site(self):
        article = unit(100)
        vectors = {
            1: article,
            2: near(article, 0.80, seed=101),
            3: near(article, 0.70, seed=102),
            4: near(article, 0.975, seed=103),  # article 1 re-published
            5: near(article, 0.60, seed=104),
            6: near(article, 0.75, seed=105),  # unpublished since it was indexed
            7: near(article, 0.10, seed=106),
        }
        index = ExactIndex()
        index.add(list(vectors), np.stack(list(vectors.values())))
        published = {i: days_ago(i) for i in vectors if i != 6}
        calls = []

        def lookup(wanted):
            calls.append(list(wanted))
            return {i: published[i] for i in wanted if i in published}

        return index, lookup, calls

    def test_similar_published_articles_without_duplicates(self, site):
        index, lookup, calls = site
        results = find_related(index, 1, published=lookup, k=3, now=NOW, settings=NO_BOOST)
        assert ids(results) == [2, 3, 5]
        assert results[0].score == pytest.approx(0.80, abs=1e-5)
        assert len(calls) == 1  # one publication lookup for the whole list

    def test_pins_come_first_and_unpublished_pins_are_dropped(self, site):
        index, lookup, _ = site
        results = find_related(index, 1, published=lookup, k=3, now=NOW, settings=NO_BOOST, pins=[7, 6, 1])
        assert ids(results) == [7, 2, 3]
        assert results[0].reason == PINNED and results[0].similarity == pytest.approx(0.10, abs=1e-5)

    def test_k_pins_of_which_one_is_unpublished_leave_a_slot_for_a_computed_one(self, site):
        index, lookup, _ = site
        results = find_related(index, 1, published=lookup, k=2, now=NOW, settings=NO_BOOST, pins=[5, 6])
        assert ids(results) == [5, 2] and [r.reason for r in results] == [PINNED, SIMILAR]

    def test_an_article_not_in_the_index_uses_the_given_vector_or_only_its_pins(self, site):
        index, lookup, _ = site
        draft = near(index.get(2), 0.85, seed=107)  # close to article 2, not a copy of it
        assert ids(find_related(index, 99, published=lookup, k=2, now=NOW, vector=draft))[:1] == [2]
        assert 2 not in ids(find_related(index, 99, published=lookup, k=2, now=NOW, vector=index.get(2)))
        assert ids(find_related(index, 99, published=lookup, k=2, now=NOW)) == []
        assert ids(find_related(index, 99, published=lookup, k=2, now=NOW, pins=[5])) == [5]

    def test_an_empty_index(self):
        assert find_related(ExactIndex(), 1, published=lambda ids: {}, now=NOW) == []
