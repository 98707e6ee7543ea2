"""A canonical token stream for the lexicon rules: one lower-case word per token, evasions repaired.

``normalise`` already folds leetspeak, spaced letters and look-alike letters. What is left for the hate and
extremism lexicons is word-level evasion: masked letters (``n*gger``), a missing or swapped letter
(``muzlims``, ``haet``) and missing spaces (``refugeesarevermin``). ``Canon`` repairs those against the
lexicon's own words only, so an ordinary word is never bent into a slur, and keeps for every token its span
in the normalised text so that evidence can point at what the commenter typed.

Rules match phrase regexes on ``Canon.text`` (tokens joined by single spaces) and turn a match back into token
indices with ``Canon.token_range``.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

_WORD = re.compile(r"[a-z0-9*#%]+(?:['\-][a-z0-9*#%]+)*|\n|[^\sa-z0-9]")
_MASK = set("*#%")
_HAS_MASK = re.compile(r"[*#%]")
NEWLINE = "¶"
SENTENCE_END = frozenset({".", "!", "?", ";", NEWLINE})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})

# Words a commenter writes often enough that a near miss is a real word, not an evasion.
_COMMON_NEAR_MISSES = frozenset({
    "maggot", "muslin", "niger", "bigger", "digger", "jigger", "trigger", "muzzle", "backs", "hater", "hated",
    "kills", "skill", "scam", "scums", "rays", "dose", "doge", "jewel", "jewels", "jaws", "gags", "gap",
    "niggle", "snigger", "sniggers", "figure", "nugget", "ragged", "bagged", "tagged", "poofs", "homer",
    "spice", "spike", "coin", "cool", "kite", "kurt", "shiva", "pikes", "jeeps", "mosque", "mosques",
})


_UNSEEN = object()


class Token(NamedTuple):
    text: str    # canonical lower-case form (repaired where an evasion was recognised)
    start: int   # span in the normalised text
    end: int
    repaired: bool = False


class Lexicon:
    """The words repairs may produce, plus the general vocabulary that must never be repaired."""

    def __init__(self, targets: Iterable[str], known_words: Iterable[str], segment_words: Iterable[str],
                 exact: Iterable[str] = ()):
        self.targets = frozenset(t for t in targets if t.isalpha())
        self.exact = frozenset(exact) | self.targets  # lexicon words: already what they are, never repaired
        self.known = frozenset(known_words) | _COMMON_NEAR_MISSES
        self.segment_words = frozenset(w for w in segment_words if len(w) >= 2)
        self._max_segment = max((len(w) for w in self.segment_words), default=0)
        self._deletes: dict[str, set[str]] = {}
        for word in self.targets:
            if len(word) < 4:
                continue
            for variant in {word, *_deletions(word)}:
                self._deletes.setdefault(variant, set()).add(word)
        self._repairs: dict[str, str | None] = {}
        self._by_length: dict[int, list[str]] = {}
        for word in self.exact:
            if word.isalpha():
                self._by_length.setdefault(len(word), []).append(word)

    def is_known(self, word: str) -> bool:
        if word in self.known or word in self.exact:
            return True
        for suffix in ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "'s"):
            if word.endswith(suffix) and word[: -len(suffix)] in self.known:
                return True
        return False

    def repair(self, word: str) -> str | None:
        """The lexicon word this token disguises, or None. Only unknown words are ever repaired.

        Results are remembered (the same typos and names recur from comment to comment).
        """
        cached = self._repairs.get(word, _UNSEEN)
        if cached is not _UNSEEN:
            return cached
        repaired = self._repair(word)
        if len(self._repairs) > 20_000:
            self._repairs.clear()
        self._repairs[word] = repaired
        return repaired

    def _repair(self, word: str) -> str | None:
        if _HAS_MASK.search(word):
            return self._unmask(word)
        if "-" in word and word.replace("-", "") in self.exact:
            return word.replace("-", "")  # "mus-lims"
        if not word.isalpha() or len(word) < 3 or self.is_known(word):
            return None
        candidates: set[str] = set()
        for variant in {word, *_deletions(word)}:
            candidates |= self._deletes.get(variant, set())
        best = [c for c in candidates if c[0] == word[0] and _damerau_at_most_one(word, c)
                and (len(c) >= 5 or _is_transposition(word, c) or len(word) == len(c) - 1)]
        if best:
            return min(best, key=lambda c: (abs(len(c) - len(word)), c))
        if len(word) >= 9:
            parts = self.segment(word)
            if parts:
                return " ".join(parts)
        return None

    def _unmask(self, word: str) -> str | None:
        letters = sum(c.isalpha() for c in word)
        if not word[0].isalpha() or letters < 2 or letters * 2 < len(word):
            return None
        pattern = re.compile("".join(
            "[a-z]" if c in _MASK else re.escape(c) for c in word))
        found = sorted(t for t in self._by_length.get(len(word), []) if pattern.fullmatch(t))
        return found[0] if len(found) == 1 else None

    def segment(self, word: str) -> list[str] | None:
        """Split a run-together phrase ("muslimsarescum") into lexicon words; None unless it splits fully."""
        best: list[list[str] | None] = [None] * (len(word) + 1)
        best[0] = []
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - self._max_segment), end):
                head = best[start]
                piece = word[start:end]
                if head is not None and piece in self.segment_words:
                    candidate = [*head, piece]
                    if best[end] is None or len(candidate) < len(best[end]):
                        best[end] = candidate
        parts = best[len(word)]
        if parts and len(parts) >= 2 and any(p in self.targets and len(p) >= 4 for p in parts):
            return parts
        return None


@dataclass(frozen=True)
class Canon:
    tokens: tuple[Token, ...]
    text: str                  # token texts joined by single spaces
    starts: tuple[int, ...]    # offset of each token in ``text``
    sentences: tuple[tuple[int, int], ...] = ()  # token ranges [start, end) between sentence punctuation
    words: tuple[str, ...] = ()                  # the token texts

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [first, last) covered by the character span [start, end) of ``text``."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_left(self.starts, end)
        return max(first, 0), max(last, first + 1)

    def norm_span(self, first: int, last: int) -> tuple[int, int]:
        """The span in the normalised text of tokens [first, last)."""
        return self.tokens[first].start, self.tokens[last - 1].end

    def sentence_of(self, index: int) -> tuple[int, int] | None:
        """The token range of the sentence holding token ``index``; None for sentence punctuation."""
        at = bisect.bisect_right(self.sentences, (index, len(self.tokens) + 1)) - 1
        if at >= 0 and self.sentences[at][0] <= index < self.sentences[at][1]:
            return self.sentences[at]
        return None

    def bounds(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets in ``text`` of tokens [first, last), for ``pattern.finditer(text, pos, endpos)``."""
        end = len(self.text) if last >= len(self.tokens) else self.starts[last] - 1
        return self.starts[first], end

    def text_of(self, first: int, last: int) -> str:
        """``text`` of tokens [first, last)."""
        if last <= first or first >= len(self.tokens):
            return ""
        end = len(self.text) if last >= len(self.tokens) else self.starts[last] - 1
        return self.text[self.starts[first]:end]


def canonicalise(lower: str, lexicon: Lexicon) -> Canon:
    """Tokenise ``Normalised.lower`` and repair disguised lexicon words."""
    text = lower.replace("’", "'")
    spans = [match.span() for match in _WORD.finditer(text)]
    words = [text[a:b] for a, b in spans]
    known, exact = lexicon.known, lexicon.exact
    tokens: list[Token] = []
    for (start, end), word in zip(spans, words, strict=True):
        if len(word) < 3 or word in known or word in exact:
            tokens.append(Token(NEWLINE if word == "\n" else word, start, end))
            continue
        repaired = lexicon.repair(word)
        if repaired is None:
            tokens.append(Token(word, start, end))
        else:
            for part in repaired.split(" "):  # a run-together phrase: every part keeps the whole token's span
                tokens.append(Token(part, start, end, True))
    words = [t.text for t in tokens]
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    sentences, begin = [], 0
    for i, word in enumerate(words):
        if word in SENTENCE_END:
            if i > begin:
                sentences.append((begin, i))
            begin = i + 1
    if begin < len(words):
        sentences.append((begin, len(words)))
    return Canon(tuple(tokens), " ".join(words), tuple(starts), tuple(sentences), tuple(words))


def load_known_words(tokenizer_json: Path) -> frozenset[str]:
    """Whole words of the shipped encoder's vocabulary: a general English word list that is already on disk."""
    vocab = json.loads(tokenizer_json.read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha() and not w.startswith("##") and len(w) > 2)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _is_transposition(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _damerau_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or _is_transposition(a, b)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
