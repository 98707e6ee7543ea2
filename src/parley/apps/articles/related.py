"""Related articles on the Django side: storing embeddings, the per-site index cache and ``related()``.

* ``refresh_embedding(article_id)`` embeds an article (title and start of body, the engine's shared encoder)
  and stores the vector in ``ArticleEmbedding``; the ``embed_article`` task calls it after a save. It never
  raises for an encoder failure: the article keeps no vector and ``related()`` simply skips it.
* ``site_index(site_id)`` is the site's index of current vectors (those made by the current encoder), built
  from the database and cached in the process. Up to ``PARLEY_RELATED_APPROX_THRESHOLD`` articles (100k by
  default) it is an exact numpy index; above that an approximate index persisted under
  ``DATA_DIR / "related"`` and loaded from there. ``Site.related_version`` goes up with every stored or
  deleted vector, in the same transaction, and each vector records the version it was stored at: a web
  process whose copy is behind (the task worker stored a vector) loads only the newer vectors; the
  process that made the change updates its copy in place.
* ``related(article, k=5)`` returns the publisher's pins, then the most similar published articles of the
  same site (never the article itself or a near-duplicate), with the site's recency boost and each score.

usearch is reached only through ``parley.related.index`` (it must be imported after onnxruntime).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from parley.apps.articles.models import Article, ArticleEmbedding, RelatedPin, Site
from parley.related import ApproxIndex, ExactIndex, RankingSettings, find_related, fit_index, load_index, new_index
from parley.related.index import APPROX_THRESHOLD
from parley.related.ranking import DEFAULT_K, check_k
from parley.related.vectors import DIM, embed_articles, encoder_fingerprint, from_bytes, to_bytes

log = logging.getLogger(__name__)

__all__ = [
    "RelatedItem",
    "current_fingerprint",
    "forget_article",
    "forget_indexes",
    "refresh_embedding",
    "related",
    "site_index",
    "stale_embeddings",
    "text_hash",
]

_BATCH = 2000


@dataclass(frozen=True)
class RelatedItem:
    article: Article
    score: float | None
    similarity: float | None
    reason: str  # "pinned" or "similar"


def current_fingerprint() -> str:
    return encoder_fingerprint()


def text_hash(title: str | None, body: str | None) -> str:
    from parley.moderation.engine import article_text

    return hashlib.sha256(article_text(title, body).encode("utf-8")).hexdigest()


def approx_threshold() -> int:
    return int(getattr(settings, "PARLEY_RELATED_APPROX_THRESHOLD", APPROX_THRESHOLD))


def index_dir() -> Path:
    return Path(settings.DATA_DIR) / "related"


def index_path(site_id: int) -> Path:
    return index_dir() / f"site-{int(site_id)}.usearch"


# --- storing vectors -------------------------------------------------------------------------------------------

def store_vectors(articles: Sequence[Article], vectors: np.ndarray, fingerprint: str) -> None:
    """Save one vector per article and raise each site's version with it, then update the cached indexes.

    A site's version and the vectors stored at it are committed together, so a process that sees the new
    version also sees the vectors it must load (``site_version`` greater than the version it had).
    """
    now = timezone.now()
    by_site: dict[int, list[tuple[Article, np.ndarray]]] = {}
    for article, vector in zip(articles, vectors, strict=True):
        by_site.setdefault(article.site_id, []).append((article, vector))
    for site_id, pairs in by_site.items():
        with transaction.atomic():
            version = _bump(site_id)
            for article, vector in pairs:
                ArticleEmbedding.objects.update_or_create(
                    article_id=article.pk,
                    defaults={"vector": to_bytes(vector), "fingerprint": fingerprint, "site_version": version,
                              "text_hash": text_hash(article.title, article.body), "updated_at": now},
                )
        _update_cached(site_id, version, [a.pk for a, _ in pairs], np.stack([v for _, v in pairs]))


def refresh_embedding(article_id: int, *, force: bool = False, encoder=None) -> bool:
    """Embed the article now unless its stored vector already fits its text and the encoder.

    Returns True when a vector was stored. An encoder failure is logged and returns False.
    """
    article = Article.objects.filter(pk=article_id).only("id", "site_id", "title", "body").first()
    if article is None:
        return False
    try:
        fingerprint = encoder_fingerprint(encoder)
        if not force:
            stored = ArticleEmbedding.objects.filter(article_id=article.pk).only("fingerprint", "text_hash").first()
            if stored and stored.fingerprint == fingerprint and stored.text_hash == text_hash(article.title,
                                                                                               article.body):
                return False
        vectors = embed_articles([(article.title, article.body)], encoder)
    except Exception:  # noqa: BLE001 - the article stays without a vector; related() skips it
        log.exception("could not embed article %s for related articles", article_id)
        return False
    store_vectors([article], vectors, fingerprint)
    return True


def stale_embeddings(site: Site | None = None, fingerprint: str | None = None):
    """Articles without a current vector (none yet, another encoder, or text changed is found on save)."""
    fingerprint = fingerprint or current_fingerprint()
    qs = Article.objects.exclude(embedding__fingerprint=fingerprint)
    if site is not None:
        qs = qs.filter(site=site)
    return qs.order_by("pk")


def reindex(articles, *, encoder=None, batch_size: int = 64, progress: Callable[[int], None] | None = None) -> int:
    """Embed these articles again in batches (for ``parley reindex-articles``); returns how many were stored."""
    fingerprint = encoder_fingerprint(encoder)
    done = 0
    batch: list[Article] = []

    def flush() -> None:
        nonlocal done
        if not batch:
            return
        vectors = embed_articles([(a.title, a.body) for a in batch], encoder)
        store_vectors(batch, vectors, fingerprint)
        done += len(batch)
        if progress:
            progress(len(batch))
        batch.clear()

    for article in articles.only("id", "site_id", "title", "body").iterator(chunk_size=batch_size):
        batch.append(article)
        if len(batch) >= batch_size:
            flush()
    flush()
    return done


# --- per-site indexes --------------------------------------------------------------------------------------------

_lock = threading.Lock()
_indexes: dict[int, tuple[int, str, ExactIndex | ApproxIndex]] = {}  # site id -> (version, fingerprint, index)


def _version(site_id: int) -> int:
    """The site's ``related_version`` as the database has it now."""
    return Site.objects.filter(pk=site_id).values_list("related_version", flat=True).first() or 0


def _bump(site_id: int) -> int:
    """Raise the site's version by one and return it (call inside the transaction that stores the change)."""
    Site.objects.filter(pk=site_id).update(related_version=F("related_version") + 1)
    return _version(site_id)


def forget_indexes() -> None:
    """Drop every cached index of this process (tests; after a reindex)."""
    with _lock:
        _indexes.clear()


def _vectors_of(site_id: int, fingerprint: str, since_version: int | None = None):
    qs = ArticleEmbedding.objects.filter(article__site_id=site_id, fingerprint=fingerprint)
    if since_version is not None:
        qs = qs.filter(site_version__gt=since_version)
    ids: list[int] = []
    chunks: list[np.ndarray] = []
    last = 0
    while True:  # keyset pages keep memory flat on large sites
        rows = list(qs.filter(article_id__gt=last).order_by("article_id").values_list("article_id", "vector")[:_BATCH])
        if not rows:
            break
        good = []
        for article_id, raw in rows:
            try:
                good.append((article_id, from_bytes(raw, DIM)))
            except ValueError:
                log.warning("ignoring the malformed stored vector of article %s", article_id)
        if good:
            ids.extend(a for a, _ in good)
            chunks.append(np.stack([v for _, v in good]))
        last = rows[-1][0]
    vectors = np.concatenate(chunks) if chunks else np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(ids, dtype=np.int64), vectors


def _build(site_id: int, fingerprint: str, version: int) -> ExactIndex | ApproxIndex:
    threshold = approx_threshold()
    count = ArticleEmbedding.objects.filter(article__site_id=site_id, fingerprint=fingerprint).count()
    if count > threshold:
        index = _load_persisted(site_id, fingerprint)
        if index is not None:
            return index
    ids, vectors = _vectors_of(site_id, fingerprint)
    index = new_index(len(ids), threshold=threshold)
    for start in range(0, len(ids), 50_000):
        index.add(ids[start:start + 50_000], vectors[start:start + 50_000])
    if isinstance(index, ApproxIndex):
        _save(index, site_id, fingerprint, version)
    return index


def _marker(path: Path) -> Path:
    return path.with_name(path.name + ".version")


def _load_persisted(site_id: int, fingerprint: str) -> ApproxIndex | None:
    """The saved approximate index, brought up to date with the vectors stored since it was saved."""
    path = index_path(site_id)
    try:
        saved_fingerprint, saved_version = _marker(path).read_text().split()
        if not path.is_file() or saved_fingerprint != fingerprint:
            return None
        index = load_index(path)
    except Exception:  # noqa: BLE001 - a missing or damaged file is rebuilt from the database
        log.warning("rebuilding the related-articles index of site %s", site_id, exc_info=True)
        return None
    if not isinstance(index, ApproxIndex):
        return None
    _add_since(index, site_id, fingerprint, int(saved_version))
    known = set(Article.objects.filter(site_id=site_id).values_list("pk", flat=True))
    gone = [i for i in index.ids().tolist() if i not in known]
    if gone:
        index.remove(gone)
    return index


def _save(index: ApproxIndex, site_id: int, fingerprint: str, version: int) -> None:
    """Save the index and, beside it, the encoder and site version it holds (the version last: a reader that
    finds an older version than the file holds only loads a few vectors again)."""
    path = index_path(site_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        index.save(path)
        _marker(path).write_text(f"{fingerprint} {int(version)}\n")
    except OSError:
        log.exception("could not save the related-articles index of site %s", site_id)


def _add_since(index: ExactIndex | ApproxIndex, site_id: int, fingerprint: str, since_version: int) -> None:
    """Add the vectors stored after ``since_version`` (deleted articles stay in the index until it is rebuilt;
    ``related()`` never shows them, as it only shows published articles)."""
    ids, vectors = _vectors_of(site_id, fingerprint, since_version=since_version)
    if len(ids):
        index.add(ids, vectors)


def _catch_up(index: ExactIndex | ApproxIndex, site_id: int, fingerprint: str,
              since_version: int) -> ExactIndex | ApproxIndex:
    """The index with the vectors another process stored after ``since_version``, in the kind its size suits."""
    _add_since(index, site_id, fingerprint, since_version)
    return fit_index(index, threshold=approx_threshold())


def site_index(site_id: int) -> ExactIndex | ApproxIndex:
    """The site's index of current vectors: this process's copy, brought up to the site's version.

    Reading the version is one primary-key query. A process whose copy is behind (another process or the
    task worker stored vectors) loads only the vectors stored since; one without a copy builds it from the
    database, or loads the persisted approximate index and catches up.
    """
    fingerprint = current_fingerprint()
    version = _version(site_id)
    with _lock:
        cached = _indexes.get(site_id)
    if cached and cached[1] == fingerprint and cached[0] == version:
        return cached[2]
    if cached and cached[1] == fingerprint and cached[0] < version:
        index = _catch_up(cached[2], site_id, fingerprint, cached[0])
    else:
        index = _build(site_id, fingerprint, version)
    with _lock:
        _indexes[site_id] = (version, fingerprint, index)
    return index


def _update_cached(site_id: int, version: int, ids: Sequence[int], vectors: np.ndarray) -> None:
    """After storing vectors at ``version``: update this process's copy in place when it was exactly one
    version behind (otherwise the next ``site_index`` catches up), and keep a persisted index current."""
    with _lock:
        cached = _indexes.get(site_id)
    if cached is None or cached[1] != current_fingerprint() or cached[0] != version - 1:
        if index_path(site_id).is_file():  # a large site: its saved index is kept current by the writer
            index = site_index(site_id)
            if isinstance(index, ApproxIndex):
                _save(index, site_id, current_fingerprint(), _indexes.get(site_id, (version,))[0])
        return
    index = cached[2]
    index.add(list(ids), vectors)
    fitted = fit_index(index, threshold=approx_threshold())
    if isinstance(fitted, ApproxIndex):
        _save(fitted, site_id, cached[1], version)
    with _lock:
        _indexes[site_id] = (version, cached[1], fitted)


def forget_article(article_id: int, site_id: int) -> None:
    """After an article is deleted (its vector goes with it): raise the site's version and drop the article
    from this process's copy."""
    with transaction.atomic():
        version = _bump(site_id)
    with _lock:
        cached = _indexes.get(site_id)
    if cached is not None and cached[0] == version - 1:
        cached[2].remove([article_id])
        with _lock:
            _indexes[site_id] = (version, cached[1], cached[2])


# --- the related list ---------------------------------------------------------------------------------------------

def ranking_settings(site: Site) -> RankingSettings:
    return RankingSettings(recency_boost=float(site.related_recency_boost),
                           half_life_days=float(site.related_half_life_days))


def related(article: Article, k: int = DEFAULT_K) -> list[RelatedItem]:
    """Pins, then the ``k`` most similar published articles of the article's site, each with its score."""
    k = check_k(k)
    if k == 0:
        return []
    now = timezone.now()
    site = article.site
    pins = list(RelatedPin.objects.filter(article=article).order_by("position", "id").values_list("pinned_id",
                                                                                                   flat=True))
    try:
        index = site_index(site.pk)
    except Exception:  # noqa: BLE001 - the page must render without related articles rather than fail
        log.exception("the related-articles index of site %s is unavailable", site.pk)
        index = ExactIndex(DIM)
    vector = None
    if article.pk not in index:
        stored = ArticleEmbedding.objects.filter(article_id=article.pk, fingerprint=current_fingerprint()).first()
        if stored is not None:
            try:
                vector = from_bytes(stored.vector, index.dim)
            except ValueError:
                vector = None

    def published(ids: Sequence[int]) -> dict:
        rows = Article.objects.filter(site_id=site.pk, pk__in=list(ids), published_at__lte=now)
        return dict(rows.values_list("pk", "published_at"))

    results = find_related(index, article.pk, published=published, k=k, vector=vector, now=now,
                           settings=ranking_settings(site), pins=pins)
    articles = Article.objects.select_related("site").in_bulk([r.id for r in results])
    return [RelatedItem(articles[r.id], r.score, r.similarity, r.reason) for r in results if r.id in articles]
