"""The transparent half of the extremism check: praise of terrorist groups and attackers, their slogans used
approvingly, and calls to violence, each with the phrase that carries it.

Naming a group is news; praising it is not. A praise hit needs a known organisation, attacker or attack and a
word of praise or support close to it in the same sentence, not negated ("is no hero") and not separated by
"against" or "fighting". Every hit then checks its sentence for what makes it reporting rather than
endorsement: analysis and news vocabulary ("claimed responsibility", "analysts", "the slogan means"),
condemnation ("murderer", "atrocity"), quotation, counter-speech, or a state as the actor ("Israel should
strike the launch sites" is a view on a war, not a call to terror).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parley.moderation.checks import extremism_lexicon as lx
from parley.moderation.checks.hate_rules import HateRules
from parley.moderation.checks.phrases import PhraseSet, split_alternatives
from parley.moderation.checks.stance import SPEECH_FRAME, is_quoted, sentence_stance
from parley.moderation.checks.tokens import Canon

# Words between the praise and the group that make the group the praised party's enemy or victim.
_BLOCKERS = frozenset({"against", "fighting", "fight", "fought", "defeat", "defeated", "defeating", "destroy",
                       "destroyed", "destroying", "oppose", "opposed", "opposing", "vs", "versus", "from", "beat",
                       "beating", "resist", "resisting", "victims", "victim", "killed", "murdered", "by", "bomb",
                       "bombed", "bombing", "strike", "struck", "striking", "kill", "target", "targeting", "hit",
                       "crush", "crushed", "liberate", "liberated", "liberating", "retake", "retook", "expel",
                       "expelled", "arrest", "arrested", "stop", "stopped", "eliminate", "eliminated", "driving",
                       "drove", "chased", "pushed", "routed", "ousted", "freed", "liberation"})
_NEGATORS = frozenset({"not", "no", "never", "hardly", "nothing", "neither", "nor", "isn't", "aren't", "wasn't",
                       "weren't", "don't", "doesn't", "didn't", "nobody", "noone", "cannot", "can't", "won't",
                       "wouldn't", "shouldn't", "far"})
_FIRST_PERSON = frozenset({"i", "we", "i'd", "i'll", "we'd", "i've", "i'm"})
PRAISE_WINDOW = 6


class _Cues(dict):
    """Stance cues per sentence, worked out the first time a sentence is asked about."""

    def __init__(self, rules: ExtremismRules, canon: Canon):
        super().__init__()
        self.rules, self.canon = rules, canon

    def __missing__(self, span: tuple[int, int]) -> dict:
        value = self[span] = self.rules._sentence_cues(self.canon, span)
        return value


def _compile(body: str) -> re.Pattern:
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'-])")


@dataclass(frozen=True)
class ExtremismHit:
    kind: str                   # praise, slogan, violence
    span: tuple[int, int]       # the offending phrase in the normalised text
    strength: float
    subject: str                # what is praised, or what the call targets
    mitigation: str | None = None  # negated, condemned, analysis, quoted, reported, counter, state
    protected_target: bool = False

    @property
    def live(self) -> bool:
        return self.mitigation is None


@dataclass
class ExtremismAnalysis:
    hits: list[ExtremismHit] = field(default_factory=list)
    organisation: bool = False
    analysis: bool = False
    condemnation: bool = False

    def features(self) -> dict[str, float]:
        live = [h for h in self.hits if h.live]

        def best(kind: str) -> float:
            return max((h.strength for h in live if h.kind == kind), default=0.0)

        return {
            "praise": best("praise"), "slogan": best("slogan"), "violence": best("violence"),
            "mitigated": max((h.strength for h in self.hits if not h.live), default=0.0),
            "organisation": float(self.organisation), "analysis": float(self.analysis),
            "condemnation": float(self.condemnation),
        }

    def strongest(self) -> ExtremismHit | None:
        live = [h for h in self.hits if h.live]
        return max(live, key=lambda h: h.strength) if live else None


class ExtremismRules:
    """The compiled extremism lexicons and matching; shares tokenisation and group detection with ``HateRules``."""

    def __init__(self, hate_rules: HateRules):
        self._hate = hate_rules
        # "McVeigh's", and the plural that holds an attacker up as a type ("a few more McVeighs")
        subjects = [(label, f"(?:{alt})(?:'s|s)?") for p, label in {**lx.ORGANISATIONS, **lx.FIGURES}.items()
                    for alt in split_alternatives(p)]
        self._subjects = PhraseSet([*subjects, ("attack", lx.EVENTS)])
        self._praise = PhraseSet([("praise", lx.PRAISE)])
        self._slogans = PhraseSet([(s, p) for p, s in lx.SLOGANS])
        self._violence = PhraseSet([(s, p) for p, s in lx.VIOLENCE] + [(0.9, p) for p in lx.EUPHEMISMS])
        self._state = _compile(lx.STATE_ACTORS)
        self._analysis = _compile(lx.ANALYSIS)
        self._condemn = _compile(lx.CONDEMNATION)
        # Cheap pre-checks: the slogan and violence patterns are only run when one of their words is present.
        self._slogan_words = frozenset(lx.SLOGAN_WORDS)
        self._violent_word = _compile(lx.VIOLENT_WORDS)

    def analyse(self, canon: Canon) -> ExtremismAnalysis:
        result = ExtremismAnalysis()
        cues = _Cues(self, canon)
        mentions = self._hate.mentions(canon)
        subjects = []
        for label, match in self._subjects.finditer(canon.text, canon.starts):
            first, last = canon.token_range(match.start(), match.end())
            subjects.append((first, last, label, match.group()))
        result.organisation = any(label not in ("attack", "attacker") for *_, label, _ in subjects)
        if subjects:
            for _, match in self._praise.finditer(canon.text, canon.starts):
                self._praise_hit(canon, match, subjects, cues, result)
        if not self._slogan_words.isdisjoint(canon.words):
            for strength, match in self._slogans.finditer(canon.text, canon.starts):
                self._add(canon, "slogan", match, strength, mentions, cues, result)
        if self._violent_word.search(canon.text):
            for strength, match in self._violence.finditer(canon.text, canon.starts):
                self._add(canon, "violence", match, strength, mentions, cues, result)
        # Comment-level cues, from the sentences that mention a group or hold a hit.
        for first, _, _, _ in subjects:
            if (span := canon.sentence_of(first)) is not None:
                cues[span]  # noqa: B018 - looked up for the comment-level cues below
        result.analysis = any(c["analysis"] for c in cues.values())
        result.condemnation = any(c["condemned"] for c in cues.values())
        return result

    # --- internals ---------------------------------------------------------------------------------------

    def _sentence_cues(self, canon: Canon, span: tuple[int, int]) -> dict:
        text = canon.text_of(*span)
        stance = sentence_stance(text)
        frame = SPEECH_FRAME.search(text)
        first_person = bool(frame) and bool(set(text[:frame.start()].split()[-2:]) & _FIRST_PERSON)
        return {"counter": stance.counter, "analysis": bool(self._analysis.search(text)),
                "condemned": bool(self._condemn.search(text)), "reported": stance.reported and not first_person}

    def _praise_hit(self, canon, match, subjects, cues, result) -> None:
        first, last = canon.token_range(match.start(), match.end())
        sentence = canon.sentence_of(first)
        if sentence is None:
            return
        near = [s for s in subjects if sentence[0] <= s[0] < sentence[1]
                and (abs(s[0] - last) <= PRAISE_WINDOW or abs(first - s[1]) <= PRAISE_WINDOW)]
        for s_first, s_last, label, words in near:
            lo, hi = (s_last, first) if s_last <= first else (last, s_first)
            between = {canon.tokens[i].text for i in range(lo, hi)}
            if between & _BLOCKERS:
                continue
            pre = {canon.tokens[i].text for i in range(max(sentence[0], first - 3), first)}
            mitigation = "negated" if pre & _NEGATORS else self._mitigation(canon, first, last, sentence, cues,
                                                                          (s_first, s_last))
            span = canon.norm_span(min(first, s_first), max(last, s_last))
            strength = {"attack": 0.8, "attacker": 0.75}.get(label, 0.9)
            result.hits.append(ExtremismHit("praise", span, strength, words, mitigation))
            return

    def _add(self, canon, kind, match, strength, mentions, cues, result) -> None:
        first, last = canon.token_range(match.start(), match.end())
        sentence = canon.sentence_of(first)
        if sentence is None:
            return
        pre = {canon.tokens[i].text for i in range(max(sentence[0], first - 3), first)}
        mitigation = None
        if kind == "violence":
            if pre & (_NEGATORS - {"far"}) or {"one", "no"} <= pre:
                mitigation = "negated"
            elif self._state.search(canon.text[canon.starts[max(sentence[0], first - 6)]:canon.starts[first]]):
                mitigation = "state"
        mitigation = mitigation or self._mitigation(canon, first, last, sentence, cues)
        protected = any(m.kind == "protected" and sentence[0] <= m.first < sentence[1] for m in mentions)
        result.hits.append(ExtremismHit(kind, canon.norm_span(first, last), strength, match.group(), mitigation,
                                        protected_target=kind == "violence" and protected))

    def _mitigation(self, canon, first, last, sentence, cues, subject=None) -> str | None:
        """Why the sentence around tokens [first, last) reports rather than endorses, if it does."""
        cue = cues[sentence]
        lo, hi = min(first, subject[0]) if subject else first, max(last, subject[1]) if subject else last
        outside = f"{canon.text_of(sentence[0], lo)} {canon.text_of(hi, sentence[1])}"
        if cue["counter"]:
            return "counter"
        if self._condemn.search(outside):
            return "condemned"
        if self._analysis.search(outside):
            return "analysis"
        if is_quoted(canon, first, last, *sentence):
            return "quoted"
        if cue["reported"] and SPEECH_FRAME.search(canon.text_of(sentence[0], first)):
            return "reported"
        return None
