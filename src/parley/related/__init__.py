"""Related articles: embeddings of articles, per-site vector indexes and the ranking. No Django import.

* ``vectors``: embed an article with the moderation engine's shared encoder; store a vector as bytes;
* ``index``: ``ExactIndex`` (numpy, up to ``APPROX_THRESHOLD`` articles per site) and ``ApproxIndex``
  (usearch HNSW, persisted, updated in place), with ``build_index``/``fit_index``/``load_index``;
* ``ranking``: ``rank`` drops the article and its near-duplicates, collapses duplicates among the results,
  boosts recent stories a little and puts the publisher's pins first;
* ``lookup``: ``find_related`` ties the three together for one article.
"""

from parley.related.index import (
    APPROX_THRESHOLD,
    ApproxIndex,
    ExactIndex,
    IndexFormatError,
    build_index,
    fit_index,
    load_index,
    new_index,
)
from parley.related.lookup import find_related
from parley.related.ranking import PINNED, SIMILAR, Candidate, RankingSettings, RelatedArticle, rank

__all__ = [
    "APPROX_THRESHOLD",
    "PINNED",
    "SIMILAR",
    "ApproxIndex",
    "Candidate",
    "ExactIndex",
    "IndexFormatError",
    "RankingSettings",
    "RelatedArticle",
    "build_index",
    "find_related",
    "fit_index",
    "load_index",
    "new_index",
    "rank",
]
