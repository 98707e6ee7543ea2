"""What a check reports before the policy weighs it: a rule, a score in [0, 1], and where in the text."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field


@dataclass(frozen=True)
class Signal:
    """A check's raw output. ``evidence`` spans index the comment's *original* text, end exclusive.

    ``field`` says which input the evidence points into: ``"text"`` (the comment) or ``"author_name"``.
    The policy compares ``score`` with the rule's thresholds and turns a signal that reaches them into a Finding.
    """

    rule: str
    score: float
    message: str
    evidence: list[tuple[int, int]] = dc_field(default_factory=list)
    field: str = "text"
    detail: dict = dc_field(default_factory=dict)
