"""What the moderation engine decides, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from enum import StrEnum


class Decision(StrEnum):
    PUBLISH = "publish"
    HOLD = "hold"
    REJECT = "reject"


@dataclass(frozen=True)
class Finding:
    """One check's result: which rule, how sure, the bar it was measured against, and where in the text."""

    rule: str
    score: float
    threshold: float
    message: str
    evidence: list[tuple[int, int]] = dc_field(default_factory=list)
    field: str = "text"  # what the evidence spans index: the comment "text" or the "author_name"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["evidence"] = [list(span) for span in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(
            rule=str(data["rule"]),
            score=float(data["score"]),
            threshold=float(data["threshold"]),
            message=str(data.get("message", "")),
            evidence=[(int(a), int(b)) for a, b in data.get("evidence", [])],
            field=str(data.get("field", "text")),
        )


@dataclass(frozen=True)
class Verdict:
    """The engine's decision with every finding that led to it."""

    decision: Decision
    findings: list[Finding] = dc_field(default_factory=list)
    engine: str = "unknown"

    @property
    def rules(self) -> list[str]:
        """Each rule that fired, once, the main reason first."""
        return list(dict.fromkeys(finding.rule for finding in self.findings))

    def reasons(self) -> list[str]:
        """Plain-language reasons, one per finding, for the commenter and the moderator."""
        return [finding.message for finding in self.findings if finding.message]

    def to_dict(self) -> dict:
        return {
            "decision": str(self.decision),
            "engine": self.engine,
            "rules": self.rules,
            "findings": [finding.to_dict() for finding in self.findings],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Verdict:
        return cls(
            decision=Decision(data["decision"]),
            findings=[Finding.from_dict(item) for item in data.get("findings", [])],
            engine=str(data.get("engine", "unknown")),
        )
