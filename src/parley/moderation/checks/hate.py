"""Hate: attacks on people for their race, ethnicity, nationality, religion or sect, migration status, sex,
gender identity, sexuality or disability.

Two halves, because each fails where the other is strong. A logistic head on the shared MiniLM embedding
(``models/heads/hate/head.npz``) recognises paraphrases and implicit derogation no word list can hold
("they belong in a zoo"), but, trained partly on tweets, it reacts to identity words and cannot tell an attack
from a condemnation of one. The transparent rules (``hate_rules``) find the slur, the dehumanising predicate,
the threat or the call to expel, say which group it targets and where it sits, and notice negation,
quotation, counter-speech and reclaimed use. A small fitted combiner (``combiner.json``, readable weights)
turns both into one calibrated score. Criticism of states, armies, governments, ideologies and religions as
ideas is not an attack on people, and abuse of one commenter or of a non-protected group (bankers, referees,
politicians) belongs to other rules, so neither is scored as hate.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from parley.moderation.checks.combiner import HeadAndCombinerCheck, logit
from parley.moderation.checks.hate_rules import Analysis, Hit, shared_rules
from parley.moderation.document import Document
from parley.moderation.signal import Signal

RULE = "hate"
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "heads" / RULE
MIN_REPORT = 0.05  # below this, and with no rule hit, there is nothing for a moderator to read
# Without a rule hit the score is the model's alone: it may hold, never reject (the default reject bar is 0.95).
MODEL_ONLY_CAP = 0.9
# Without a named or referred-to protected group and without a slur, it is not hate: the head then reacts to
# violence or insults that belong to the extremism and personal-attack rules, so it is kept below the hold bar.
NO_TARGET_CAP = 0.4
# Without a live rule hit, in a comment that the rules read as counter-speech, as defence of a group ("most Kurds
# have nothing to do with the PKK"), as a plain denial ("Muslims are not worthless"), as the writer speaking of
# their own group ("queer people like me") or as abuse of a
# non-protected group ("IS fighters were savages"), the head alone reacts to the group and the harsh words, not
# to what is said of whom: it may report, not hold.
STANCE_CAP = 0.45
# An unmitigated slur of strength 0.8 or more is itself the attack, whoever it is aimed at ("you're just a
# k*ke to me"): it holds whatever the head says. Ambiguous forms (0.55: "nigga", "fag") keep needing context.
SLUR_FLOOR_FROM = 0.8
SLUR_FLOOR = 0.55

_GROUND = {
    "religion": "their religion", "ethnicity": "their race or ethnicity", "nationality": "where they come from",
    "migration status": "being migrants or refugees", "sex": "their sex", "gender identity": "their gender identity",
    "sexuality": "their sexuality", "disability": "disability",
}
_MESSAGES = {
    "slur": "The comment uses a slur against people for {ground}.",
    "coded": "The comment uses a coded phrase that targets people for {ground}.",
    "dehumanising": "The comment describes people as less than human because of {ground}.",
    "threat": "The comment calls for violence against people because of {ground}.",
    "exclusion": "The comment calls for people to be expelled or shut out because of {ground}.",
    "wish_gone": "The comment wishes people gone because of {ground}.",
    "negated_positive": "The comment denies people dignity or rights because of {ground}.",
    "emotion": "The comment expresses hatred of people because of {ground}.",
    "attribute": "The comment attacks people as a group because of {ground}.",
}
_CONTRAST = re.compile(r"\b(?:but|yet|however|although|though|still|except)\b")
_MODEL_ONLY = ("The comment appears to attack people for who they are (race, religion, nationality, sex, "
               "gender identity, sexuality or disability).")


def combiner_inputs(rule_values: dict[str, float], head_logit: float) -> dict[str, float]:
    """The combiner's features: the rules' features, the head's log-odds, and the head gated by the rules.

    The gates let the combiner weigh the head differently where the rules know more: when they found nothing
    at all (implicit derogation is the head's alone to find) and when no protected group is named (abuse
    without a group is another rule's business).
    """
    values = dict(rule_values)
    found = values["slur"] > 0 or values["attack"] > 0 or values["mitigated"] > 0
    values["head"] = head_logit
    values["head_if_no_hit"] = 0.0 if found else head_logit
    values["head_if_no_group"] = head_logit if not values["protected"] and not values["slur"] else 0.0
    return values


class HateCheck(HeadAndCombinerCheck):
    rule = RULE
    MODEL_DIR = MODEL_DIR

    def load_rules(self):
        return shared_rules()

    def features(self, doc: Document) -> tuple[dict[str, float], Analysis]:
        """The combiner's inputs for one document (also used by the training script, so both agree)."""
        if self._head is None:
            self.load()
        if doc.embedding is None:
            raise ValueError("the hate check needs the comment's embedding")
        title = doc.article_title.lower() if doc.article_title else None
        analysis = self._rules.analyse(doc.norm.lower, title)
        return combiner_inputs(analysis.features(), logit(self._head.score(doc.embedding))), analysis

    def check(self, doc: Document) -> list[Signal]:
        values, analysis = self.features(doc)
        score = self._combiner.score(values)
        hit = analysis.strongest()
        if hit is None:
            score = min(score, MODEL_ONLY_CAP if analysis.protected_mention else NO_TARGET_CAP)
            if analysis.counter or analysis.nonprotected_attack or analysis.own_group_only \
                    or _only_denied(analysis, doc.norm.lower):
                score = min(score, STANCE_CAP)
        slur = values["slur"]
        if slur >= SLUR_FLOOR_FROM:
            score = max(score, SLUR_FLOOR + (slur - SLUR_FLOOR_FROM))
        if score < MIN_REPORT and hit is None:
            return []
        if hit is not None:
            message = _MESSAGES[hit.kind].format(ground=_GROUND.get(hit.category, "who they are"))
            evidence = [doc.span(*hit.span)]
        else:
            message = _MODEL_ONLY
            evidence = [doc.span(*analysis.focus) if analysis.focus else _whole(doc)]
        detail = {
            "head": round(1.0 / (1.0 + math.exp(-values["head"])), 4),
            "features": {k: round(v, 3) for k, v in values.items()},
            "hits": [_describe(h) for h in analysis.hits],
        }
        return [Signal(rule=RULE, score=round(score, 4), message=message, evidence=evidence, detail=detail)]


def _only_denied(analysis: Analysis, lower: str) -> bool:
    """Every hit is negated ("Muslims are not worthless") and nothing turns the denial round ("..., but")."""
    return bool(analysis.hits) and all(h.mitigation == "negated" for h in analysis.hits) \
        and not _CONTRAST.search(lower)


def _whole(doc: Document) -> tuple[int, int]:
    """The whole comment, without surrounding white space."""
    text = doc.text
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))


def _describe(hit: Hit) -> dict:
    return {"kind": hit.kind, "category": hit.category, "strength": round(hit.strength, 3),
            "mitigation": hit.mitigation}
