"""Shared by the tests that run one check over its authored case file (``cases/<rule>.jsonl``): each case has
``text``, ``rule``, ``expect`` ("withhold" or "publish"), ``functionality`` and ``note``."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from parley.moderation.normalise import normalise


def load_jsonl(path: Path) -> list[dict]:
    """The records of a JSON-lines file, blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(signal) -> float:
    """A check's score for a text: the signal's, or 0 when it raised none."""
    return signal.score if signal is not None else 0.0


def is_right(case: dict, signal, hold: float) -> bool:
    """Whether the check held the case exactly when the case expects it withheld."""
    return (score(signal) >= hold) == (case["expect"] == "withhold")


def accuracy(results: list[tuple[dict, object]], hold: float) -> float:
    """The share of ``(case, signal)`` results the check got right."""
    return sum(is_right(case, signal, hold) for case, signal in results) / len(results)


def weak_functionalities(results: list[tuple[dict, object]], hold: float, floor: float = 0.75) -> dict[str, float]:
    """The functionalities whose cases the check gets right less often than ``floor``, with their accuracy."""
    by_functionality = defaultdict(list)
    for case, signal in results:
        by_functionality[case["functionality"]].append(is_right(case, signal, hold))
    return {f: sum(v) / len(v) for f, v in by_functionality.items() if sum(v) / len(v) < floor}


def training_overlap(cases: list[dict], training: Path) -> list[str]:
    """The case texts that also stand, normalised, among the training sentences in ``training``."""
    seen = {_key(r["text"]) for r in load_jsonl(training)}
    return [c["text"] for c in cases if _key(c["text"]) in seen]


def _key(text: str) -> str:
    return normalise(text).lower.strip(" .!?")
