"""Extremism: praise or support of terrorist organisations and attackers, their slogans used approvingly, and
calls to violence.

Reporting, analysing and condemning terrorism is the everyday work of a news comment section, and a sentence
that names Islamic State or quotes "Baqiya wa tatamaddad" to explain it must stay up. So the rules
(``extremism_rules``) look for the *stance*: praise linked to a named group or attacker, a slogan used without
explanation, a call for someone to be killed. A logistic head on the shared MiniLM embedding
(``models/heads/extremism/head.npz``) catches glorification phrased in ways no list anticipates, and a fitted
combiner (``combiner.json``) turns both into one calibrated score.

A call for violence against a protected group is primarily the ``hate`` rule's: this check still reports it,
but scaled down (``PROTECTED_TARGET_FACTOR``) so that the site sees hate as the main reason.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from parley.moderation.checks.combiner import HeadAndCombinerCheck, logit
from parley.moderation.checks.extremism_lexicon import LETHAL_CALL
from parley.moderation.checks.extremism_rules import ExtremismAnalysis, ExtremismRules
from parley.moderation.checks.hate_rules import shared_rules
from parley.moderation.document import Document
from parley.moderation.signal import Signal

RULE = "extremism"
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "heads" / RULE
MIN_REPORT = 0.05
PROTECTED_TARGET_FACTOR = 0.75
# Without a rule hit the score is the model's alone: it may hold, never reject (the default reject bar is 0.95).
MODEL_ONLY_CAP = 0.9
# A live call for someone to kill a person ("someone should shoot the judge") is categorical: it reaches the
# default reject bar whatever the head says, so the site declines it as support for violence.
LETHAL_CALL_SCORE = 0.97

_MESSAGES = {
    "praise": "The comment appears to praise or support a terrorist group, an attacker or an attack.",
    "slogan": "The comment uses a slogan or symbol of a violent extremist movement approvingly.",
    "violence": "The comment calls for violence against people.",
}
_MODEL_ONLY = "The comment appears to glorify terrorism or to call for violence."


@lru_cache(maxsize=1)
def shared_extremism_rules() -> ExtremismRules:
    return ExtremismRules(shared_rules())


class ExtremismCheck(HeadAndCombinerCheck):
    rule = RULE
    MODEL_DIR = MODEL_DIR

    def load_rules(self):
        return shared_extremism_rules()

    def features(self, doc: Document) -> tuple[dict[str, float], ExtremismAnalysis]:
        """The combiner's inputs for one document (the training script uses the same function)."""
        if self._head is None:
            self.load()
        if doc.embedding is None:
            raise ValueError("the extremism check needs the comment's embedding")
        analysis = self._rules.analyse(shared_rules().canon(doc.norm.lower))
        values = analysis.features()
        values["head"] = logit(self._head.score(doc.embedding))
        return values, analysis

    def check(self, doc: Document) -> list[Signal]:
        values, analysis = self.features(doc)
        score = self._combiner.score(values)
        hit = analysis.strongest()
        if hit is None:
            score = min(score, MODEL_ONLY_CAP)
        elif hit.protected_target and not values["praise"] and not values["slogan"]:
            score *= PROTECTED_TARGET_FACTOR
        elif hit.kind == "violence" and hit.strength >= LETHAL_CALL:
            score = max(score, LETHAL_CALL_SCORE)
        if score < MIN_REPORT and hit is None:
            return []
        if hit is not None:
            message, evidence = _MESSAGES[hit.kind], [doc.span(*hit.span)]
        else:
            text = doc.text
            start = len(text) - len(text.lstrip())
            message, evidence = _MODEL_ONLY, [(start, max(start, len(text.rstrip())))]
        detail = {
            "features": {k: round(v, 3) for k, v in values.items()},
            "hits": [{"kind": h.kind, "strength": h.strength, "mitigation": h.mitigation,
                      "protected_target": h.protected_target} for h in analysis.hits],
        }
        return [Signal(rule=RULE, score=round(score, 4), message=message, evidence=evidence, detail=detail)]
