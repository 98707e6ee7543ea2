"""Ranking related articles from search candidates: a pure function, no index and no database.

``rank`` turns the candidates an index returned for one article into the list a reader sees:

1. the article itself is dropped, and so is any candidate whose cosine to it reaches
   ``duplicate_threshold`` (0.90): the same story re-published, updated or syndicated again. With the
   shared encoder, updated stories measured 0.95 to 0.99 against their first version when a sentence was
   added or the title reworded, and 0.94 when three sentences of a 140-word story were new (the demo
   archive's prisoner exchange); different stories on the same subject measured 0.3 to 0.81
   (tests/related/articles.jsonl and the demo archive, whose closest different pair is 0.81);
2. near-duplicates among the candidates are collapsed, keeping the newer version (when candidates carry
   their vectors): two copies of another story must not fill two of the five slots;
3. each remaining candidate is scored ``similarity + recency_boost * 0.5 ** (age_days / half_life_days)``:
   a story published today gains the full boost, one ``half_life_days`` old half of it. The boost is small
   (0.05 by default, against similarities that differ by 0.1 to 0.3 between a good and a poor match) so
   it only reorders near-equal matches in favour of the newer one; a site sets both values;
4. the publisher's pins come first, in the publisher's order, then the computed list fills the remaining
   slots with no article twice; at most ``k`` results in all. A site may set ``min_similarity`` to leave
   out weak matches rather than always filling ``k`` slots (off by default).

Every result carries its ``score`` (None for a pinned article whose vector is unknown), its raw
``similarity`` and its ``reason``: "pinned" or "similar".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

__all__ = [
    "DEFAULT_K",
    "MAX_K",
    "PINNED",
    "SIMILAR",
    "Candidate",
    "RankingSettings",
    "RelatedArticle",
    "check_k",
    "rank",
    "recency_bonus",
]

DEFAULT_K = 5
MAX_K = 50
PINNED = "pinned"
SIMILAR = "similar"


@dataclass(frozen=True)
class RankingSettings:
    """A site's settings for related articles (defaults suit a daily news site)."""

    recency_boost: float = 0.05
    half_life_days: float = 30.0
    duplicate_threshold: float = 0.90
    min_similarity: float = 0.0  # a site may hide weak matches (fewer than k results then)

    def __post_init__(self) -> None:
        if not (math.isfinite(self.recency_boost) and 0.0 <= self.recency_boost <= 1.0):
            raise ValueError(f"recency_boost must be between 0 and 1, got {self.recency_boost}")
        if not (math.isfinite(self.half_life_days) and self.half_life_days > 0):
            raise ValueError(f"half_life_days must be a positive number of days, got {self.half_life_days}")
        if not (math.isfinite(self.duplicate_threshold) and 0.0 < self.duplicate_threshold <= 1.0):
            raise ValueError(f"duplicate_threshold must be in (0, 1], got {self.duplicate_threshold}")
        if not (math.isfinite(self.min_similarity) and -1.0 <= self.min_similarity < self.duplicate_threshold):
            raise ValueError(f"min_similarity must be in [-1, duplicate_threshold), got {self.min_similarity}")


@dataclass(frozen=True)
class Candidate:
    """An article an index returned: its id, cosine to the article, publication time and, optionally, vector."""

    id: int
    similarity: float
    published_at: datetime | None = None
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RelatedArticle:
    id: int
    score: float | None
    similarity: float | None
    reason: str  # PINNED or SIMILAR


def check_k(k: int) -> int:
    """``k`` as an int in [0, MAX_K]; TypeError or ValueError otherwise."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer, got {k!r}")
    if not 0 <= k <= MAX_K:
        raise ValueError(f"k must be between 0 and {MAX_K}, got {k}")
    return int(k)


def _aware(moment: datetime) -> datetime:
    """A naive datetime is taken to be UTC, so naive and aware times can be compared."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def recency_bonus(published_at: datetime | None, now: datetime, settings: RankingSettings) -> float:
    """``recency_boost * 0.5 ** (age_days / half_life_days)``; 0 without a date; a future date counts as now."""
    if published_at is None or settings.recency_boost == 0:
        return 0.0
    age_days = max(0.0, (_aware(now) - _aware(published_at)).total_seconds() / 86_400)
    return settings.recency_boost * 0.5 ** (age_days / settings.half_life_days)


def _newness(candidate: Candidate) -> tuple[float, float]:
    """Sort key for "newer": publication time (undated counts as oldest), then similarity."""
    moment = candidate.published_at
    return (_aware(moment).timestamp() if moment is not None else -math.inf, candidate.similarity)


def _unit(vector: np.ndarray | None) -> np.ndarray | None:
    if vector is None:
        return None
    array = np.asarray(vector, dtype=np.float32).ravel()
    norm = float(np.linalg.norm(array))
    return array / norm if norm > 0 and math.isfinite(norm) else None


def rank(candidates: Iterable[Candidate], *, article_id: int, k: int = DEFAULT_K, now: datetime | None = None,
         settings: RankingSettings | None = None, pins: Sequence[int] = ()) -> list[RelatedArticle]:
    """The related list for ``article_id``: pins first, then the best-scored candidates; see the module doc.

    A pinned id may also appear among ``candidates`` (with its similarity and vector); it then gets a score
    and its near-duplicates are kept out of the computed part. Ids of pins must already be filtered to
    articles that may be shown (published, same site): the ranking cannot know.
    """
    k = check_k(k)
    settings = settings or RankingSettings()
    now = now or datetime.now(UTC)
    threshold = settings.duplicate_threshold

    best: dict[int, Candidate] = {}
    for candidate in candidates:
        if not math.isfinite(candidate.similarity):
            raise ValueError(f"candidate {candidate.id} has a non-finite similarity")
        known = best.get(int(candidate.id))
        if known is None or candidate.similarity > known.similarity:
            best[int(candidate.id)] = candidate

    results: list[RelatedArticle] = []
    pinned: list[int] = []
    for pin in pins:
        pin = int(pin)
        if pin != article_id and pin not in pinned:
            pinned.append(pin)
    for pin in pinned[:k]:
        candidate = best.get(pin)
        if candidate is None:
            results.append(RelatedArticle(pin, None, None, PINNED))
        else:
            score = candidate.similarity + recency_bonus(candidate.published_at, now, settings)
            results.append(RelatedArticle(pin, score, candidate.similarity, PINNED))
    slots = k - len(results)
    if slots <= 0:
        return results

    pinned_set = set(pinned)
    anchors = [v for v in (_unit(best[p].vector) for p in pinned if p in best) if v is not None]
    pool = sorted(
        (c for c in best.values() if c.id != article_id and c.id not in pinned_set
         and settings.min_similarity <= c.similarity < threshold),
        key=lambda c: (-c.similarity, c.id),
    )
    kept: list[tuple[Candidate, np.ndarray | None]] = []
    for candidate in pool:
        vector = _unit(candidate.vector)
        if vector is not None:
            if any(float(anchor @ vector) >= threshold for anchor in anchors):
                continue  # another copy of a pinned story
            matches = [i for i, (_, v) in enumerate(kept) if v is not None and float(v @ vector) >= threshold]
            if matches:
                group = [kept[i] for i in matches] + [(candidate, vector)]
                newest = max(group, key=lambda pair: _newness(pair[0]))
                kept = [pair for i, pair in enumerate(kept) if i not in matches] + [newest]
                continue
        kept.append((candidate, vector))

    scored = sorted(
        ((c.similarity + recency_bonus(c.published_at, now, settings), c) for c, _ in kept),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    results.extend(RelatedArticle(int(c.id), score, c.similarity, SIMILAR) for score, c in scored[:slots])
    return results
