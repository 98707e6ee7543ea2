"""Small learned heads on the shared sentence embedding: logistic regression stored as plain numpy arrays.

A head file (``.npz``) holds ``coef`` (d,), ``intercept`` (), and optionally ``mean``/``scale`` for
standardising inputs. Scoring is one dot product, so every head together costs microseconds per comment.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


class LinearHead:
    def __init__(self, coef: np.ndarray, intercept: float, mean: np.ndarray | None = None,
                 scale: np.ndarray | None = None, name: str = ""):
        self.coef = np.asarray(coef, dtype=np.float32).reshape(-1)
        self.intercept = float(intercept)
        self.mean = None if mean is None else np.asarray(mean, dtype=np.float32).reshape(-1)
        self.scale = None if scale is None else np.asarray(scale, dtype=np.float32).reshape(-1)
        self.name = name

    @classmethod
    def load(cls, path: str | Path) -> LinearHead:
        with np.load(path) as data:
            return cls(data["coef"], float(data["intercept"]), data["mean"] if "mean" in data else None,
                       data["scale"] if "scale" in data else None, name=Path(path).stem)

    def save(self, path: str | Path) -> None:
        arrays = {"coef": self.coef, "intercept": np.float32(self.intercept)}
        if self.mean is not None:
            arrays["mean"], arrays["scale"] = self.mean, self.scale
        np.savez_compressed(path, **arrays)

    def scores(self, embeddings: np.ndarray) -> np.ndarray:
        """Probabilities for a batch (n, d) or a single vector (d,)."""
        x = np.asarray(embeddings, dtype=np.float32)
        if self.mean is not None:
            x = (x - self.mean) / self.scale
        logits = x @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    def score(self, embedding: np.ndarray) -> float:
        return float(self.scores(embedding))
