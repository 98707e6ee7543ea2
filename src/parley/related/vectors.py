"""Article embeddings: what is embedded, how, and how a vector is stored in a database column.

An article is embedded exactly as the moderation engine embeds it for the off-topic check
(``parley.moderation.engine.article_text``: the title and the start of the body), with the engine's shared
encoder, so one model serves both features and one ``parley reindex-articles`` refreshes both after a model
change. Vectors are float32 unit vectors of ``DIM`` dimensions; in a database they are stored as
``DIM * 4`` little-endian float32 bytes (1,536 bytes for 384 dimensions), next to the encoder fingerprint
that made them, so stale vectors can be found after the model changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from parley.moderation.encoder import DIM

__all__ = [
    "DIM",
    "as_unit_vector",
    "as_unit_vectors",
    "embed_article",
    "embed_articles",
    "encoder_fingerprint",
    "from_bytes",
    "to_bytes",
]

_STORED = np.dtype("<f4")


def as_unit_vectors(vectors: Any, dim: int = DIM) -> np.ndarray:
    """A C-contiguous float32 array (n, dim) of unit rows; one vector (dim,) becomes (1, dim).

    Raises ValueError for the wrong shape, a non-finite value or a zero vector: such a vector would match
    nothing, or everything, and must never reach an index silently.
    """
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[1] != dim:
        raise ValueError(f"expected vectors of {dim} dimensions, got an array of shape {np.shape(vectors)}")
    if not np.isfinite(array).all():
        raise ValueError("vectors must be finite (no NaN or infinity)")
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    if array.shape[0] and float(norms.min()) < 1e-6:
        raise ValueError("a zero vector has no direction and cannot be indexed")
    if array.shape[0] and float(np.abs(norms - 1).max()) <= 1e-5:
        return np.ascontiguousarray(array)  # already unit vectors: kept bit for bit
    return np.ascontiguousarray(array / norms, dtype=np.float32)


def as_unit_vector(vector: Any, dim: int = DIM) -> np.ndarray:
    """One float32 unit vector (dim,); see ``as_unit_vectors``."""
    array = np.asarray(vector)
    if array.ndim != 1:
        raise ValueError(f"expected one vector of {dim} dimensions, got an array of shape {array.shape}")
    return as_unit_vectors(array, dim)[0]


def to_bytes(vector: Any, dim: int = DIM) -> bytes:
    """The vector as little-endian float32 bytes for a binary database column (normalised first)."""
    return as_unit_vector(vector, dim).astype(_STORED, copy=False).tobytes()


def from_bytes(data: bytes | bytearray | memoryview, dim: int = DIM) -> np.ndarray:
    """A float32 vector (dim,) from ``to_bytes`` output; ValueError when the length does not fit ``dim``."""
    raw = bytes(data)
    if len(raw) != dim * _STORED.itemsize:
        raise ValueError(f"a stored vector of {dim} dimensions has {dim * _STORED.itemsize} bytes, got {len(raw)}")
    vector = np.frombuffer(raw, dtype=_STORED).astype(np.float32)
    if not np.isfinite(vector).all():
        raise ValueError("the stored vector holds a non-finite value")
    return vector


def _default_encoder(encoder: Any = None) -> Any:
    if encoder is not None:
        return encoder
    from parley.moderation.encoder import shared_encoder

    return shared_encoder()


def embed_article(title: str | None, body: str | None, encoder: Any = None) -> np.ndarray:
    """The article's unit vector (DIM,), from the text the engine embeds (raises EncoderModelMissing)."""
    return embed_articles([(title, body)], encoder)[0]


def embed_articles(articles: Iterable[tuple[str | None, str | None]], encoder: Any = None) -> np.ndarray:
    """Unit vectors (n, DIM) for (title, body) pairs, in input order.

    Each text is embedded on its own (the encoder's default), so an article gets the same vector whether it
    is embedded alone on save or in a batch by ``reindex-articles``. For batch jobs pass
    ``Encoder(threads=2)``; the web process uses the one-thread shared encoder.
    """
    from parley.moderation.engine import article_text

    texts = [article_text(title, body) for title, body in articles]
    encoder = _default_encoder(encoder)
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return as_unit_vectors(encoder.embed(texts), encoder.dim)


def encoder_fingerprint(encoder: Any = None) -> str:
    """A short id of the encoder's model files ("minilm-l6-int8:3f2a9c1b7d4e"), stored with each vector.

    A vector whose fingerprint differs from the current one was made by another model and must be rebuilt;
    mixing vectors of two models in one index gives meaningless similarities.
    """
    model_dir = Path(_default_encoder(encoder).model_dir)
    return _fingerprint(str(model_dir.resolve()))


@lru_cache(maxsize=8)
def _fingerprint(model_dir: str) -> str:
    path = Path(model_dir)
    digest = hashlib.sha256()
    for name in ("model.onnx", "tokenizer.json", "config.json"):
        file = path / name
        if file.is_file():
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return f"{path.name}:{digest.hexdigest()[:12]}"
