"""Turn a learned head and the lexicon rules' features into one calibrated score.

Why a second, tiny logistic regression rather than hand-set weights: the head's probability and the rule
hits are not independent (a slur usually raises both), so adding them by hand double counts. Fitting a few
weights on held-out head scores gives a score that reads as a probability of a violation, and the weights,
stored as readable JSON next to the head, show exactly how much each rule component moves it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from parley.moderation.heads import LinearHead

LOGIT_CLIP = 8.0


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-LOGIT_CLIP, min(LOGIT_CLIP, math.log(p / (1 - p))))


@dataclass(frozen=True)
class Combiner:
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    @classmethod
    def load(cls, path: str | Path) -> Combiner:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if len(data["features"]) != len(data["coef"]):
            raise ValueError(f"{path}: {len(data['features'])} features but {len(data['coef'])} weights")
        return cls(tuple(data["features"]), tuple(float(c) for c in data["coef"]), float(data["intercept"]))

    def save(self, path: str | Path, **about) -> None:
        data = {"features": list(self.features), "coef": [round(c, 5) for c in self.coef],
                "intercept": round(self.intercept, 5), **about}
        Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """How far each feature moves the log-odds; missing features count as 0."""
        return {name: coef * float(values.get(name, 0.0)) for name, coef in zip(self.features, self.coef,
                                                                                strict=True)}

    def score(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(self.contributions(values).values())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class HeadAndCombinerCheck:
    """Loading shared by checks scored as a linear head on the embedding plus a fitted combiner over rule
    features (hate, extremism). A subclass sets ``rule``, ``MODEL_DIR`` and ``load_rules()``."""

    needs_embedding = True
    MODEL_DIR: Path

    def __init__(self, model_dir: str | Path | None = None):
        self.model_dir = Path(model_dir) if model_dir is not None else self.MODEL_DIR
        self._head: LinearHead | None = None
        self._combiner: Combiner | None = None

    def load(self) -> None:
        self._head = LinearHead.load(self.model_dir / "head.npz")
        self._combiner = Combiner.load(self.model_dir / "combiner.json")
        self._rules = self.load_rules()

    def load_rules(self):
        raise NotImplementedError
