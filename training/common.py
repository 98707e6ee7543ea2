"""Helpers shared by the head-training scripts: cached embeddings, logistic heads, CSV columns.

Why a cache: embedding 20k comments takes about a minute on two cores, while fitting a logistic head takes
seconds; caching by text hash makes re-training (new labels, new C) nearly instant. The cache lives under the
git-ignored var/ and is keyed by the model file's hash, so rebuilding the encoder never serves stale vectors.

Use from the repository root, e.g. ``from training.common import embed_texts, fit_logistic``.
scikit-learn is a training-only dependency; the shipped heads are plain numpy (parley.moderation.heads).
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import uuid
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from parley.moderation.encoder import DEFAULT_MODEL_DIR, Encoder
from parley.moderation.heads import LinearHead

DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"


def default_data_dir() -> Path:
    """The shared data folder next to the repository (scripts take it as an argument; this is the default)."""
    return DEFAULT_DATA_DIR


@lru_cache(maxsize=1)
def _encoder() -> Encoder:
    return Encoder(threads=2).load()


@lru_cache(maxsize=4)
def _model_fingerprint(model_path: Path) -> str:
    digest = hashlib.sha1()
    with model_path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


def _text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


def _load_store(store: Path) -> dict[bytes, np.ndarray]:
    cached: dict[bytes, np.ndarray] = {}
    for shard in sorted(store.glob("*.npz")):
        with np.load(shard) as data:
            for key, vec in zip(data["keys"], data["vectors"], strict=True):
                cached[key.tobytes()] = vec
    return cached


def embed_texts(texts: Iterable[str], cache_dir: str | Path = "var/embed-cache") -> np.ndarray:
    """Unit embeddings (n, 384) float32 for ``texts`` in order, computing only texts not seen before.

    New vectors are appended as a fresh shard (written atomically), so concurrent scripts never clobber
    each other; a relative ``cache_dir`` is taken relative to the repository root. Texts are embedded one
    at a time (the Encoder default), so a cached vector is exactly what the engine computes in production.
    """
    texts = list(texts)
    encoder = _encoder()
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    cache = Path(cache_dir)
    if not cache.is_absolute():
        cache = REPO / cache
    store = cache / f"minilm-l6-int8-{_model_fingerprint(DEFAULT_MODEL_DIR / 'model.onnx')}"
    store.mkdir(parents=True, exist_ok=True)
    cached = _load_store(store)

    keys = [_text_key(t) for t in texts]
    todo: dict[bytes, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in cached and key not in todo:
            todo[key] = text
    if todo:
        new_keys = list(todo)
        vectors = encoder.embed([todo[k] for k in new_keys])
        # raw uint8 rows, not an "S20" string array: that dtype drops trailing zero bytes of a digest
        key_array = np.frombuffer(b"".join(new_keys), dtype=np.uint8).reshape(len(new_keys), 20)
        tmp = store / f".{uuid.uuid4().hex}.tmp.npz"
        np.savez(tmp, keys=key_array, vectors=vectors)
        os.replace(tmp, store / f"{uuid.uuid4().hex}.npz")
        cached.update(zip(new_keys, vectors, strict=True))
    return np.stack([cached[k] for k in keys]).astype(np.float32, copy=False)


def fit_logistic(X: np.ndarray, y: np.ndarray, C: float = 1.0, class_weight: str | dict | None = "balanced",
                 sample_weight: np.ndarray | None = None, standardize: bool = True,
                 name: str = "") -> LinearHead:
    """A binary logistic-regression head, returned as a numpy-only LinearHead.

    Inputs are standardised by default: embedding components are small (~0.05), so without it C would mean
    far stronger regularisation than usual and lbfgs converges slowly. The scaler is folded into the head.
    """
    from sklearn.linear_model import LogisticRegression

    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(int).reshape(-1)
    if set(np.unique(y)) != {0, 1}:
        raise ValueError("fit_logistic needs binary labels with both 0 and 1 present")
    mean = scale = None
    if standardize:
        mean = X.mean(axis=0)
        scale = X.std(axis=0)
        scale[scale < 1e-8] = 1.0
        X = (X - mean) / scale
    model = LogisticRegression(C=C, class_weight=class_weight, max_iter=5000)
    model.fit(X, y, sample_weight=sample_weight)
    return LinearHead(model.coef_[0], float(model.intercept_[0]), mean, scale, name=name)


def read_csv_column(path: str | Path, column: str, *, where: dict[str, str] | None = None,
                    limit: int | None = None, skip_empty: bool = True) -> list[str]:
    """One column of a CSV as strings (UTF-8, quoted multi-line fields allowed), optionally filtered.

    ``where`` keeps rows whose named columns equal the given values; missing columns raise KeyError so
    a typo in a column name is never a silently empty training set.
    """
    csv.field_size_limit(sys.maxsize)
    out: list[str] = []
    with Path(path).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        needed = [column, *(where or {})]
        absent = [c for c in needed if c not in (reader.fieldnames or [])]
        if absent:
            raise KeyError(f"{path}: no column(s) {absent}; columns are {reader.fieldnames}")
        for row in reader:
            if where and any(row[k] != v for k, v in where.items()):
                continue
            value = row[column]
            if skip_empty and not value.strip():
                continue
            out.append(value)
            if limit is not None and len(out) >= limit:
                break
    return out
