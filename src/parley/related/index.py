"""Per-site vector indexes of published articles: exact search in numpy, approximate search with usearch.

Both kinds share one interface, keyed by the article's integer id (its primary key):

* ``add(ids, vectors)`` inserts or replaces (an updated article keeps its id), ``remove(ids)`` drops;
* ``query(vector, k, exclude=())`` returns up to ``k`` ``(id, cosine)`` pairs, most similar first;
* ``get(id)`` returns the stored vector, ``save(path)`` / ``load_index(path)`` persist the index.

``ExactIndex`` scans a float32 matrix (one matrix-vector product and an ``argpartition``): exact, no build
step, and about 1.5 KiB per article. It is the right choice up to ``APPROX_THRESHOLD`` articles per site
(at 100k, about 20 ms of CPU a query; at 1M, 170 ms: too slow for a page). Above that, ``ApproxIndex`` keeps
an HNSW graph (usearch, inner product on unit vectors, i.e. cosine) with bfloat16 vectors; it is updated in
place (a removed article's slot is reused by the next insert), saved to a file and loaded, or memory-mapped,
without a rebuild. Its settings are measured in ``benchmarks/related_speed.py`` on synthetic article vectors
(see the module docstring there and ``APPROX_*`` below).

Each index serialises its own operations with a lock, so one index may be shared by a web process's
threads while a background task updates it (queries wait for an update, and for each other: at most a few
milliseconds per query for the exact index at 100k articles).

``new_index``/``build_index`` pick the kind for a size, and ``fit_index`` converts an index that grew past
(or shrank well below) the threshold.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from parley.related.vectors import DIM, as_unit_vector, as_unit_vectors

__all__ = [
    "APPROX_THRESHOLD",
    "ApproxIndex",
    "ExactIndex",
    "IndexFormatError",
    "VectorIndex",
    "build_index",
    "fit_index",
    "load_index",
    "new_index",
]

APPROX_THRESHOLD = 100_000
MAX_ID = 2**63 - 1

# Approximate index settings, measured by benchmarks/related_speed.py on this project's two-core reference machine
# (recall@5 against exact search / p50 ms of one query on one thread, 1M synthetic article vectors):
# * connectivity 32, expansion_add 128: 0.870 / 1.0 (bf16) and 0.893 / 3.3 (f16) at expansion_search 128,
#   0.929 / 3.6 even at 512: the graph, not the search, was the limit;
# * connectivity 48, expansion_add 256 (shipped): 0.967 / 1.4 at 128, 0.970 / 2.6 at 256 (1.000 at 10k, 0.996
#   at 100k); the build is slower (about 900 vectors a second on two cores, 18 minutes for 1M) and the graph
#   larger (1.5 GiB in memory, 1.1 GiB on disk at 1M);
# * bf16 rather than f16: 1.5-2x faster distances where the CPU has bfloat16 instructions (the reference
#   machine has), recall within 0.005 of f16 and f32 at 100k; half the memory of f32.
APPROX_DTYPE = "bf16"
APPROX_CONNECTIVITY = 48
APPROX_EXPANSION_ADD = 256
APPROX_EXPANSION_SEARCH = 128
APPROX_DTYPES = ("bf16", "f16", "f32")

_FORMAT = 1


def _usearch_index_class() -> Any:
    """usearch's ``Index``, imported only after onnxruntime.

    usearch's compiled module carries its own copy of the C++ standard library and exports its locale
    symbols process-wide; onnxruntime imported after it crashes the process (segmentation fault inside
    ``std::codecvt``), while the other order is safe. The encoder needs onnxruntime, so it is imported first
    here; nothing else in Parley may import usearch directly.
    """
    try:
        import onnxruntime  # noqa: F401
    except ImportError:  # pragma: no cover - onnxruntime is a dependency; without it there is nothing to protect
        pass
    from usearch.index import Index

    return Index


class IndexFormatError(ValueError):
    """A saved index that cannot be read: not an index file, another format version, or damaged."""


@runtime_checkable
class VectorIndex(Protocol):
    kind: str
    dim: int

    def __len__(self) -> int: ...
    def __contains__(self, article_id: object) -> bool: ...
    def add(self, ids: Any, vectors: Any) -> None: ...
    def remove(self, ids: Any) -> int: ...
    def get(self, article_id: int) -> np.ndarray | None: ...
    def ids(self) -> np.ndarray: ...
    def query(self, vector: Any, k: int = 5, exclude: Iterable[int] = ()) -> list[tuple[int, float]]: ...
    def save(self, path: str | os.PathLike) -> None: ...


def _as_ids(ids: Any) -> np.ndarray:
    """Article ids as an int64 array; ValueError for anything but non-negative integers."""
    array = np.atleast_1d(np.asarray(ids))
    if array.ndim != 1:
        raise ValueError("ids must be an integer or a one-dimensional sequence of integers")
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.dtype.kind not in "iu":
        raise ValueError(f"article ids must be integers below 2**63, got {array.dtype} values")
    if array.dtype.kind == "u" and int(array.max()) > MAX_ID:
        raise ValueError(f"article ids must be at most {MAX_ID}")
    as_int = array.astype(np.int64)
    if int(as_int.min()) < 0:
        raise ValueError("article ids must be non-negative")
    return as_int


def _check_k(k: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer, got {k!r}")
    if k < 0:
        raise ValueError(f"k must not be negative, got {k}")
    return int(k)


def _ids_and_vectors(ids: Any, vectors: Any, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Checked ids and unit vectors; when an id repeats, its last vector wins (as consecutive updates would)."""
    id_array = _as_ids(ids)
    matrix = as_unit_vectors(vectors, dim)
    if len(id_array) != len(matrix):
        raise ValueError(f"{len(id_array)} ids for {len(matrix)} vectors")
    if len(np.unique(id_array)) != len(id_array):
        _, last_from_end = np.unique(id_array[::-1], return_index=True)
        keep = np.sort(len(id_array) - 1 - last_from_end)
        id_array, matrix = id_array[keep], matrix[keep]
    return id_array, matrix


def _top_k(scores: np.ndarray, ids: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The k best (id, score) pairs, best first; equal scores in id order so results are reproducible."""
    k = min(k, int(np.isfinite(scores).sum()))
    if k <= 0:
        return []
    if k < len(scores):
        part = np.argpartition(-scores, k - 1)[:k]
    else:
        part = np.flatnonzero(np.isfinite(scores))
    order = np.lexsort((ids[part], -scores[part]))
    chosen = part[order]
    return [(int(i), float(s)) for i, s in zip(ids[chosen], scores[chosen], strict=True)]


def _locked(method: Callable) -> Callable:
    """Run the method under the index's lock: one thread at a time reads or changes an index."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ExactIndex:
    """Brute-force cosine search over a float32 matrix; exact and updated in O(1) per article."""

    kind = "exact"

    def __init__(self, dim: int = DIM, capacity: int = 0):
        if dim <= 0:
            raise ValueError("dim must be positive")
        self.dim = int(dim)
        capacity = max(int(capacity), 16)
        self._vectors = np.zeros((capacity, self.dim), dtype=np.float32)
        self._ids = np.zeros(capacity, dtype=np.int64)
        self._rows: dict[int, int] = {}
        self._n = 0
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return self._n

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, (int, np.integer)) and int(article_id) in self._rows

    def __repr__(self) -> str:
        return f"<ExactIndex {self._n} articles, {self.dim} dims>"

    @property
    def nbytes(self) -> int:
        """Bytes held by the vectors and ids (allocated capacity included)."""
        return int(self._vectors.nbytes + self._ids.nbytes)

    @_locked
    def ids(self) -> np.ndarray:
        return self._ids[: self._n].copy()

    @_locked
    def vectors(self) -> np.ndarray:
        """All vectors (n, dim), in the order of ``ids()``; a copy."""
        return self._vectors[: self._n].copy()

    def _grow(self, needed: int) -> None:
        capacity = len(self._ids)
        if needed <= capacity:
            return
        capacity = max(needed, capacity * 2)
        vectors = np.zeros((capacity, self.dim), dtype=np.float32)
        vectors[: self._n] = self._vectors[: self._n]
        ids = np.zeros(capacity, dtype=np.int64)
        ids[: self._n] = self._ids[: self._n]
        self._vectors, self._ids = vectors, ids

    @_locked
    def add(self, ids: Any, vectors: Any) -> None:
        """Insert articles, or replace the vectors of ids already present."""
        id_array, matrix = _ids_and_vectors(ids, vectors, self.dim)
        self._grow(self._n + sum(1 for i in id_array.tolist() if i not in self._rows))
        rows = np.empty(len(id_array), dtype=np.int64)
        for position, article_id in enumerate(id_array.tolist()):
            row = self._rows.get(article_id)
            if row is None:
                row = self._n
                self._rows[article_id] = row
                self._ids[row] = article_id
                self._n += 1
            rows[position] = row
        self._vectors[rows] = matrix

    @_locked
    def remove(self, ids: Any) -> int:
        """Drop articles (unknown ids are ignored); returns how many were present. The last row fills the hole."""
        removed = 0
        for article_id in _as_ids(ids).tolist():
            row = self._rows.pop(article_id, None)
            if row is None:
                continue
            last = self._n - 1
            if row != last:
                moved = int(self._ids[last])
                self._vectors[row] = self._vectors[last]
                self._ids[row] = moved
                self._rows[moved] = row
            self._n = last
            removed += 1
        return removed

    @_locked
    def get(self, article_id: int) -> np.ndarray | None:
        row = self._rows.get(int(article_id))
        return None if row is None else self._vectors[row].copy()

    @_locked
    def query(self, vector: Any, k: int = 5, exclude: Iterable[int] = ()) -> list[tuple[int, float]]:
        """The k most similar articles as (id, cosine), best first, leaving out the ids in ``exclude``."""
        k = _check_k(k)
        if k == 0 or self._n == 0:
            return []
        q = as_unit_vector(vector, self.dim)
        scores = self._vectors[: self._n] @ q
        for article_id in exclude:
            row = self._rows.get(int(article_id))
            if row is not None:
                scores[row] = -np.inf
        return _top_k(scores, self._ids[: self._n], k)

    @_locked
    def search_batch(self, queries: Any, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k for many queries at once: ids (m, k) and scores (m, k), -1 / -inf where fewer exist."""
        k = _check_k(k)
        q = as_unit_vectors(queries, self.dim)
        out_ids = np.full((len(q), k), -1, dtype=np.int64)
        out_scores = np.full((len(q), k), -np.inf, dtype=np.float32)
        if k == 0 or self._n == 0:
            return out_ids, out_scores
        take = min(k, self._n)
        for start in range(0, len(q), 256):
            scores = q[start:start + 256] @ self._vectors[: self._n].T
            if take < self._n:
                part = np.argpartition(-scores, take - 1, axis=1)[:, :take]
            else:
                part = np.tile(np.arange(self._n), (len(scores), 1))
            part_scores = np.take_along_axis(scores, part, axis=1)
            order = np.argsort(-part_scores, axis=1, kind="stable")
            rows = np.take_along_axis(part, order, axis=1)
            out_ids[start:start + len(scores), :take] = self._ids[rows]
            out_scores[start:start + len(scores), :take] = np.take_along_axis(part_scores, order, axis=1)
        return out_ids, out_scores

    @_locked
    def save(self, path: str | os.PathLike) -> None:
        """Save as an uncompressed .npz (ids, vectors, format); the write is atomic."""
        header = np.frombuffer(json.dumps({"kind": self.kind, "format": _FORMAT, "dim": self.dim}).encode(),
                               dtype=np.uint8)

        def write(tmp: str) -> None:
            with open(tmp, "wb") as handle:
                np.savez(handle, header=header, ids=self._ids[: self._n], vectors=self._vectors[: self._n])

        _atomic_write(Path(path), write)

    @classmethod
    def load(cls, path: str | os.PathLike) -> ExactIndex:
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(bytes(data["header"]).decode())
                ids, vectors = data["ids"], data["vectors"]
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
            raise IndexFormatError(f"{path} is not a saved exact index: {error}") from None
        if header.get("kind") != cls.kind or header.get("format") != _FORMAT:
            raise IndexFormatError(f"{path}: unsupported index header {header}")
        index = cls(dim=int(header["dim"]), capacity=len(ids))
        if len(ids):
            index.add(ids, vectors)
        return index


class ApproxIndex:
    """HNSW approximate search (usearch) on unit vectors with the inner-product metric (= cosine).

    ``dtype`` "bf16" (the default) or "f16" halves the memory of "f32" at a loss of recall under 0.005 for
    384-d sentence vectors (scores differ from exact cosines by about 1e-3 with f16, 4e-3 with bf16). ``connectivity`` is fixed at creation; the two
    expansion factors can be changed later (``expansion_search`` trades query time for recall).
    Searches run on one thread (``threads``), which is what a web request should use.
    """

    kind = "approx"

    def __init__(self, dim: int = DIM, *, dtype: str = APPROX_DTYPE, connectivity: int = APPROX_CONNECTIVITY,
                 expansion_add: int = APPROX_EXPANSION_ADD, expansion_search: int = APPROX_EXPANSION_SEARCH,
                 threads: int = 1, _index: Any = None):
        if dtype not in APPROX_DTYPES:
            raise ValueError(f"dtype must be one of {', '.join(APPROX_DTYPES)}, got {dtype!r}")
        self.dim = int(dim)
        self.threads = int(threads)
        if _index is None:
            _index = _usearch_index_class()(ndim=self.dim, metric="ip", dtype=dtype, connectivity=int(connectivity),
                           expansion_add=int(expansion_add), expansion_search=int(expansion_search))
        self._index = _index
        self._deleted = 0
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, (int, np.integer)) or int(article_id) < 0:
            return False
        return bool(self._index.contains(int(article_id)))

    def __repr__(self) -> str:
        return f"<ApproxIndex {len(self)} articles, {self.dim} dims, {self.settings}>"

    @property
    def settings(self) -> dict[str, Any]:
        return {
            "dtype": str(self._index.dtype).rsplit(".", 1)[-1].lower(),
            "connectivity": int(self._index.connectivity),
            "expansion_add": int(self._index.expansion_add),
            "expansion_search": int(self._index.expansion_search),
        }

    @property
    def expansion_search(self) -> int:
        return int(self._index.expansion_search)

    @expansion_search.setter
    def expansion_search(self, value: int) -> None:
        self._index.expansion_search = int(value)

    @property
    def nbytes(self) -> int:
        """Memory used by the graph and vectors, as usearch reports it."""
        return int(self._index.memory_usage)

    @property
    def deleted(self) -> int:
        """Slots freed by removals and not yet reused by inserts (graph quality drops if this grows large)."""
        return self._deleted

    @_locked
    def ids(self) -> np.ndarray:
        return np.asarray(self._index.keys, dtype=np.int64)

    @_locked
    def add(self, ids: Any, vectors: Any, *, threads: int = 0) -> None:
        """Insert articles, or replace ids already present (remove, then insert). ``threads`` 0 uses all cores."""
        id_array, matrix = _ids_and_vectors(ids, vectors, self.dim)
        if not len(id_array):
            return
        present = np.atleast_1d(np.asarray(self._index.contains(id_array.astype(np.uint64)), dtype=bool))
        if present.any():
            self.remove(id_array[present])
        self._index.add(id_array.astype(np.uint64), matrix, threads=int(threads))
        self._deleted = max(0, self._deleted - len(id_array))

    @_locked
    def remove(self, ids: Any) -> int:
        """Drop articles (unknown ids are ignored); returns how many were present."""
        id_array = _as_ids(ids)
        if not len(id_array):
            return 0
        removed = int(np.sum(self._index.remove(id_array.astype(np.uint64))))
        self._deleted += removed
        return removed

    @_locked
    def get(self, article_id: int) -> np.ndarray | None:
        if article_id not in self:
            return None
        return np.asarray(self._index.get(int(article_id)), dtype=np.float32)

    @_locked
    def query(self, vector: Any, k: int = 5, exclude: Iterable[int] = ()) -> list[tuple[int, float]]:
        """About the k most similar articles as (id, cosine), best first, leaving out the ids in ``exclude``."""
        k = _check_k(k)
        if k == 0 or len(self) == 0:
            return []
        q = as_unit_vector(vector, self.dim)
        excluded = {int(i) for i in exclude}
        count = k + sum(1 for i in excluded if i in self)
        matches = self._index.search(q, count, threads=self.threads)
        keys = np.asarray(matches.keys, dtype=np.int64)
        scores = 1.0 - np.asarray(matches.distances, dtype=np.float64)
        pairs = [(int(i), float(s)) for i, s in zip(keys, scores, strict=True) if int(i) not in excluded]
        pairs.sort(key=lambda pair: (-pair[1], pair[0]))
        return pairs[:k]

    @_locked
    def search_batch(self, queries: Any, k: int, *, threads: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """Top-k for many queries: ids (m, k) and cosines (m, k), -1 / -inf where fewer were found."""
        k = _check_k(k)
        q = as_unit_vectors(queries, self.dim)
        out_ids = np.full((len(q), k), -1, dtype=np.int64)
        out_scores = np.full((len(q), k), -np.inf, dtype=np.float32)
        if k == 0 or len(self) == 0 or len(q) == 0:
            return out_ids, out_scores
        matches = self._index.search(q, k, threads=int(threads))
        keys = np.asarray(matches.keys).reshape(len(q), -1)
        dist = np.asarray(matches.distances).reshape(len(q), -1)
        counts = np.asarray(matches.counts).reshape(len(q))
        for row, found in enumerate(counts.tolist()):
            out_ids[row, :found] = keys[row, :found].astype(np.int64)
            out_scores[row, :found] = 1.0 - dist[row, :found]
        return out_ids, out_scores

    @_locked
    def rebuilt(self) -> ApproxIndex:
        """A fresh index with the same articles and settings, for after heavy churn (many removals)."""
        fresh = ApproxIndex(self.dim, threads=self.threads, **self.settings)
        ids = self.ids()
        for start in range(0, len(ids), 50_000):
            chunk = ids[start:start + 50_000]
            vectors = np.asarray(self._index.get(chunk.astype(np.uint64)), dtype=np.float32)
            fresh.add(chunk, vectors)
        return fresh

    @_locked
    def save(self, path: str | os.PathLike) -> None:
        """Save the graph and vectors to ``path`` and the search settings to ``path`` + ".json"; atomic."""
        path = Path(path)
        _atomic_write(path, lambda tmp: self._index.save(tmp))
        meta = {"kind": self.kind, "format": _FORMAT, "dim": self.dim, **self.settings}
        _atomic_write(_sidecar(path), lambda tmp: Path(tmp).write_text(json.dumps(meta), encoding="utf-8"))

    @classmethod
    def load(cls, path: str | os.PathLike, *, view: bool = False, threads: int = 1) -> ApproxIndex:
        """Load a saved index into memory, or memory-map it read-only with ``view`` (no add or remove then)."""
        index_class = _usearch_index_class()
        path = Path(path)
        try:
            meta = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            meta = {}
        except (OSError, ValueError) as error:
            raise IndexFormatError(f"{_sidecar(path)} is not readable: {error}") from None
        if meta and (meta.get("kind") != cls.kind or meta.get("format") != _FORMAT):
            raise IndexFormatError(f"{path}: unsupported index header {meta}")
        try:
            info = index_class.metadata(str(path))
        except (ValueError, RuntimeError, OSError) as error:  # "Not a dense USearch index!" and the like
            raise IndexFormatError(f"{path} is not a saved approximate index: {error}") from None
        if info is None:
            raise IndexFormatError(f"{path} is not a saved approximate index")
        try:
            index = index_class.restore(str(path), view=view)
        except (ValueError, RuntimeError, OSError) as error:
            raise IndexFormatError(f"{path} could not be restored: {error}") from None
        if index is None:
            raise IndexFormatError(f"{path} could not be restored")
        if "expansion_add" in meta:
            index.expansion_add = int(meta["expansion_add"])
        index.expansion_search = int(meta.get("expansion_search", APPROX_EXPANSION_SEARCH))
        loaded = cls(int(info["dimensions"]), threads=threads, _index=index)
        loaded._deleted = int(info.get("count_deleted", 0))
        return loaded


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def new_index(expected_size: int = 0, *, dim: int = DIM, threshold: int = APPROX_THRESHOLD,
              **approx_settings: Any) -> ExactIndex | ApproxIndex:
    """An empty index of the kind that suits ``expected_size`` articles."""
    if expected_size > threshold:
        return ApproxIndex(dim, **approx_settings)
    return ExactIndex(dim, capacity=expected_size)


def build_index(ids: Any, vectors: Any, *, dim: int = DIM, threshold: int = APPROX_THRESHOLD,
                **approx_settings: Any) -> ExactIndex | ApproxIndex:
    """An index holding these articles, exact up to ``threshold`` articles and approximate above."""
    id_array = _as_ids(ids)
    index = new_index(len(id_array), dim=dim, threshold=threshold, **approx_settings)
    if len(id_array):
        index.add(id_array, vectors)
    return index


def fit_index(index: ExactIndex | ApproxIndex, *, threshold: int = APPROX_THRESHOLD,
              **approx_settings: Any) -> ExactIndex | ApproxIndex:
    """The same articles in the kind that suits their number now (``index`` itself when it already fits).

    An exact index becomes approximate once it holds more than ``threshold`` articles; an approximate one
    goes back to exact only below half the threshold, so a site near the threshold does not flip back and
    forth.
    """
    if isinstance(index, ExactIndex) and len(index) > threshold:
        approx = ApproxIndex(index.dim, **approx_settings)
        with index._lock:
            ids, vectors = index.ids(), index.vectors()
        for start in range(0, len(ids), 50_000):
            approx.add(ids[start:start + 50_000], vectors[start:start + 50_000])
        return approx
    if isinstance(index, ApproxIndex) and len(index) < threshold // 2:
        exact = ExactIndex(index.dim, capacity=len(index))
        ids = index.ids()
        if len(ids):
            exact.add(ids, np.asarray(index._index.get(ids.astype(np.uint64)), dtype=np.float32))
        return exact
    return index


def load_index(path: str | os.PathLike, **options: Any) -> ExactIndex | ApproxIndex:
    """Load a saved index of either kind (an exact index is a zip-based .npz file)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no saved index at {path}")
    if zipfile.is_zipfile(path):
        return ExactIndex.load(path)
    return ApproxIndex.load(path, **options)
