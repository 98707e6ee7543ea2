"""One policy turns every check's signals into one decision: publish, hold or reject.

The merge rule (after Coral's pipeline): the most severe outcome wins. A signal at or above its rule's ``hold``
threshold becomes a finding that holds; at or above ``reject`` (where the rule has one) a finding that rejects.
Findings are listed most severe first; among equally severe ones, by the policy's ``priority`` (the graver
breach of the terms first: a French comment that doxxes someone is first of all personal data), then by how far the
score passed its threshold. So ``rules[0]`` is the main reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from pathlib import Path

from parley.moderation.signal import Signal
from parley.moderation.verdict import Decision, Finding

RULES = ("hate", "personal_attack", "personal_data", "defamation", "off_topic", "not_english", "fake_name",
         "extremism", "spam")
# Which rule is the main reason when several call for the same decision; a site may reorder it.
DEFAULT_PRIORITY = ("extremism", "hate", "personal_data", "spam", "defamation", "personal_attack", "not_english",
                    "fake_name", "off_topic")
_SEVERITY = {Decision.PUBLISH: 0, Decision.HOLD: 1, Decision.REJECT: 2}


class PolicyError(ValueError):
    """A policy file or setting that cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class RulePolicy:
    rule: str
    hold: float
    reject: float | None = None
    enabled: bool = True
    label: str = ""
    clause: str = ""

    def decide(self, score: float) -> Decision:
        if not self.enabled or score < self.hold:
            return Decision.PUBLISH
        if self.reject is not None and score >= self.reject:
            return Decision.REJECT
        return Decision.HOLD


@dataclass(frozen=True)
class Policy:
    rules: dict[str, RulePolicy]
    priority: tuple[str, ...] = DEFAULT_PRIORITY

    def rank(self, rule: str) -> int:
        """Position of ``rule`` in the priority order; rules not in it (engine_error) come first."""
        return self.priority.index(rule) if rule in self.priority else -1

    def rule(self, rule: str) -> RulePolicy:
        try:
            return self.rules[rule]
        except KeyError:
            raise PolicyError(f"the policy has no rule {rule!r}") from None

    def enabled(self, rule: str) -> bool:
        return rule in self.rules and self.rules[rule].enabled

    def findings(self, signals: list[Signal]) -> list[tuple[Decision, Finding]]:
        """Signals that reach their thresholds, as findings with the decision each one calls for."""
        out = []
        for signal in signals:
            if signal.rule not in self.rules:
                # Not a terms rule (e.g. engine_error): it always holds.
                decision, threshold = Decision.HOLD, 1.0
            else:
                rule = self.rules[signal.rule]
                decision = rule.decide(signal.score)
                if decision == Decision.PUBLISH:
                    continue
                threshold = rule.reject if decision == Decision.REJECT else rule.hold
            finding = Finding(rule=signal.rule, score=round(float(signal.score), 4), threshold=float(threshold),
                              message=signal.message, evidence=list(signal.evidence), field=signal.field)
            out.append((decision, finding))
        out.sort(key=lambda pair: (-_SEVERITY[pair[0]], self.rank(pair[1].rule),
                                   -(pair[1].score - pair[1].threshold)))
        return out

    def decide(self, signals: list[Signal]) -> tuple[Decision, list[Finding]]:
        ranked = self.findings(signals)
        decision = max((d for d, _ in ranked), key=_SEVERITY.__getitem__, default=Decision.PUBLISH)
        return decision, [finding for _, finding in ranked]

    def merged(self, overrides: dict) -> Policy:
        """This policy with a site's overrides applied (the same shape as the TOML file)."""
        if not overrides:
            return self
        return _build(overrides, base=self)


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= float(value) <= 1.0:
        raise PolicyError(f"{where} must be a number between 0 and 1, not {value!r}")
    return float(value)


def _build(data: dict, base: Policy | None) -> Policy:
    if not isinstance(data, dict):
        raise PolicyError("a policy must be a table of settings")
    unknown = set(data) - {"version", "rules", "priority"}
    if unknown:
        raise PolicyError(f"unknown policy setting(s): {', '.join(sorted(unknown))}")
    rules_data = data.get("rules", {})
    if not isinstance(rules_data, dict):
        raise PolicyError("[rules] must be a table")
    rules = dict(base.rules) if base else {}
    for name, settings in rules_data.items():
        if name not in RULES:
            raise PolicyError(f"unknown rule {name!r}; the rules are: {', '.join(RULES)}")
        if not isinstance(settings, dict):
            raise PolicyError(f"[rules.{name}] must be a table")
        extra = set(settings) - {"hold", "reject", "enabled", "label", "clause"}
        if extra:
            raise PolicyError(f"[rules.{name}] has unknown setting(s): {', '.join(sorted(extra))}")
        current = rules.get(name) or RulePolicy(rule=name, hold=0.5)
        changes: dict = {}
        if "hold" in settings:
            changes["hold"] = _number(settings["hold"], f"rules.{name}.hold")
        if "reject" in settings:
            value = settings["reject"]
            changes["reject"] = None if value in (None, False, "off") else _number(value, f"rules.{name}.reject")
        if "enabled" in settings:
            if not isinstance(settings["enabled"], bool):
                raise PolicyError(f"rules.{name}.enabled must be true or false")
            changes["enabled"] = settings["enabled"]
        for text_key in ("label", "clause"):
            if text_key in settings:
                changes[text_key] = str(settings[text_key])
        rule = replace(current, **changes)
        if rule.reject is not None and rule.reject < rule.hold:
            raise PolicyError(f"rules.{name}.reject ({rule.reject}) must not be below its hold ({rule.hold})")
        rules[name] = rule
    missing = [name for name in RULES if name not in rules]
    if missing:
        raise PolicyError(f"the policy does not set: {', '.join(missing)}")
    priority = _priority(data["priority"]) if "priority" in data else (base.priority if base else DEFAULT_PRIORITY)
    return Policy(rules=rules, priority=priority)


def _priority(value) -> tuple[str, ...]:
    """A full ordering of the rules, each named once."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError("priority must be a list of rule ids")
    unknown = [v for v in value if v not in RULES]
    if unknown:
        raise PolicyError(f"priority names unknown rule(s): {', '.join(unknown)}")
    if sorted(value) != sorted(RULES):
        raise PolicyError(f"priority must name every rule exactly once: {', '.join(RULES)}")
    return tuple(value)


@cache
def default_policy() -> Policy:
    text = files("parley.moderation").joinpath("policies/default.toml").read_text(encoding="utf-8")
    return _build(tomllib.loads(text), base=None)


def load_policy(path: str | Path | None = None, overrides: dict | None = None) -> Policy:
    """The shipped defaults, then a site's TOML file (if given), then a site's settings (if given)."""
    policy = default_policy()
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise PolicyError(f"{path}: {error}") from None
        policy = policy.merged(data)
    if overrides:
        policy = policy.merged(overrides)
    return policy
