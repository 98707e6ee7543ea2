"""``find_related``: one article's related list from a site's index, its publication data and its pins.

The index holds the site's published articles; the caller supplies, through ``published``, which ids may be
shown now and when they were published (one database query for the candidates and the pins), so an index
that lags behind an unpublish or a deletion never shows that article.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np

from parley.related.index import ApproxIndex, ExactIndex
from parley.related.ranking import DEFAULT_K, Candidate, RankingSettings, RelatedArticle, check_k, rank
from parley.related.vectors import as_unit_vector

__all__ = ["PublishedLookup", "candidate_pool", "find_related"]

# ids -> {id: published_at} for the ids that may be shown (published, same site); others are left out
PublishedLookup = Callable[[Sequence[int]], Mapping[int, datetime | None]]


def candidate_pool(k: int) -> int:
    """How many neighbours to fetch for ``k`` results: room for near-duplicates, unpublished and re-ranking."""
    return max(4 * k, k + 20)


def find_related(index: ExactIndex | ApproxIndex, article_id: int, *, published: PublishedLookup,
                 k: int = DEFAULT_K, vector: Any = None, now: datetime | None = None,
                 settings: RankingSettings | None = None, pins: Sequence[int] = (),
                 pool: int | None = None) -> list[RelatedArticle]:
    """Pinned articles, then the most similar published articles of the site; see ``ranking.rank``.

    ``vector`` is the article's own vector when it is not in the index (a draft, or an index still being
    built); without either, only the pins are returned.
    """
    k = check_k(k)
    article_id = int(article_id)
    pin_ids = list(dict.fromkeys(int(p) for p in pins if int(p) != article_id))
    query = index.get(article_id) if vector is None else vector
    query = None if query is None else as_unit_vector(query, index.dim)

    hits: list[tuple[int, float]] = []
    if query is not None and k > 0:  # even with k pins: some may turn out unpublished
        hits = index.query(query, pool or candidate_pool(k), exclude=[article_id, *pin_ids])
    wanted = [i for i, _ in hits] + pin_ids
    shown = published(wanted) if wanted else {}

    candidates = [Candidate(i, s, shown[i], index.get(i)) for i, s in hits if i in shown]
    for pin in pin_ids:
        pin_vector = index.get(pin) if pin in shown else None
        if pin_vector is not None and query is not None:
            similarity = float(np.dot(query, pin_vector))
            candidates.append(Candidate(pin, similarity, shown[pin], pin_vector))
    eligible_pins = [p for p in pin_ids if p in shown]
    return rank(candidates, article_id=article_id, k=k, now=now, settings=settings, pins=eligible_pins)
